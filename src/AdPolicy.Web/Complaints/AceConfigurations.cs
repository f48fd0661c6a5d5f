using System.Linq.Expressions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Complaints;

internal sealed class AceComplaintConfiguration : CaseConfiguration<AceComplaint, ComplaintEvent, ComplaintEventKind, ComplaintStatus>
{
    protected override string Table => "ace_complaints";

    protected override string NumberSequence => "ace_complaint_number_seq";

    protected override Expression<Func<ComplaintEvent, object?>> EventCase => x => x.ComplaintId;

    protected override void ConfigureCase(EntityTypeBuilder<AceComplaint> builder)
    {
        builder.HasIndex(x => x.DecidedAt).HasDatabaseName("ix_ace_complaints_decided_at"); // the desk dashboard: decisions per week
        builder.Property(x => x.ComplainantName).HasMaxLength(AceComplaint.NameMaxLength);
        builder.Property(x => x.ComplainantEmail).HasMaxLength(AceComplaint.EmailMaxLength);
        builder.Property(x => x.ComplainantOrganisation).HasMaxLength(AceComplaint.NameMaxLength);
        builder.Property(x => x.ComplainantLanguage).HasMaxLength(AceComplaint.LanguageMaxLength);
        builder.Property(x => x.RightConcerned).HasMaxLength(AceComplaint.RightConcernedMaxLength);
        builder.Property(x => x.Description).HasMaxLength(AceComplaint.DescriptionMaxLength);
        builder.Property(x => x.TrackingTokenHash).HasMaxLength(64).IsFixedLength();
        builder.Ignore(x => x.IsAwaitingDecision);
        builder.Ignore(x => x.IsTrackingActive);
        builder.Ignore(x => x.Complainant);
        builder.Ignore(x => x.ShownToAdvertiserAs);
        builder.Property(x => x.ContestReason).HasMaxLength(AceComplaint.MessageMaxLength);
        builder.Property(x => x.RejectedByName).HasMaxLength(200);
        builder.Property(x => x.ContestDecidedByName).HasMaxLength(200);

        builder.HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Promotion>().WithMany().HasForeignKey(x => x.PromotionId).OnDelete(DeleteBehavior.Restrict);

        // The tracking page finds its complaint by the token's hash, and only by it.
        builder.HasIndex(x => x.TrackingTokenHash).IsUnique();

        // The advertiser's ACE page: an organisation's complaints, newest first.
        builder.HasIndex(x => new { x.OrganisationId, x.FiledAt });
        builder.HasIndex(x => new { x.AdAccountId, x.FiledAt });

        // Abuse check: the last hour's complaints (a short range), then matched by address whatever its case.
        builder.HasIndex(x => x.FiledAt);

        // Duplicates: the open complaint about the same promotion and category a new one joins, and a group's members.
        builder.HasIndex(x => new { x.PromotionId, x.Category, x.FiledAt });
        builder.HasIndex(x => x.GroupId);
    }
}

internal sealed class ComplaintEventConfiguration : TimelineEventConfiguration<ComplaintEvent, ComplaintEventKind, ComplaintStatus>
{
    protected override string Table => "ace_complaint_events";

    protected override Expression<Func<ComplaintEvent, object?>> CaseAndSequence => x => new { x.ComplaintId, x.Sequence };
}

internal sealed class ViolationConfiguration : IEntityTypeConfiguration<Violation>
{
    public void Configure(EntityTypeBuilder<Violation> builder)
    {
        builder.ToTable("violations");
        builder.Property(x => x.Number).HasDefaultValueSql("nextval('violation_number_seq')");
        builder.HasIndex(x => x.Number).IsUnique();
        builder.Property(x => x.RecordedByName).HasMaxLength(200);
        builder.Property(x => x.SanctionChangedByName).HasMaxLength(200);
        builder.Property(x => x.SanctionChangeReason).HasMaxLength(1000);
        builder.Ignore(x => x.Reference);
        builder.Ignore(x => x.SanctionLifted);
        builder.Property(x => x.Reason).HasMaxLength(Violation.ReasonMaxLength);
        builder.Property(x => x.RemovedReason).HasMaxLength(1000);
        builder.Property(x => x.RemovedWhy).AsFact("removed_why");
        builder.Ignore(x => x.RemovedBecause);
        builder.Property(x => x.Version).IsRowVersion();
        builder.Ignore(x => x.IsActive);
        builder.Ignore(x => x.AdEffect);
        builder.HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AceComplaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);

        // The ladder reads an account's whole record in the order it was recorded.
        builder.HasIndex(x => new { x.AdAccountId, x.RecordedAt });
        builder.HasIndex(x => x.ComplaintId);
    }
}

internal sealed class DeadlineConfiguration : IEntityTypeConfiguration<Deadline>
{
    public void Configure(EntityTypeBuilder<Deadline> builder)
    {
        builder.ToTable("ace_deadlines");
        builder.HasIndex(x => x.DueAt).HasDatabaseName("ix_ace_deadlines_due_at"); // the desk dashboard: deadlines per week, any state
        builder.Property(x => x.OutcomeText).HasColumnName("outcome").HasMaxLength(Deadline.OutcomeMaxLength);
        builder.Property(x => x.Outcome).HasColumnName("outcome_data").HasColumnType("jsonb").HasConversion(FactsMapping.Converter, FactsMapping.Comparer);
        builder.Property(x => x.Version).IsRowVersion();
        builder.Ignore(x => x.IsPending);
        builder.HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AceComplaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Violation>().WithMany().HasForeignKey(x => x.ViolationId).OnDelete(DeleteBehavior.Restrict);

        // The deadline service's scan (pending, soonest due) and the pages' "this account's deadlines".
        builder.HasIndex(x => new { x.State, x.DueAt });
        builder.HasIndex(x => new { x.AdAccountId, x.State, x.DueAt });
        builder.HasIndex(x => x.ComplaintId);
        builder.HasIndex(x => x.ViolationId);
    }
}

internal sealed class DeadlineSanctionConfiguration : IEntityTypeConfiguration<DeadlineSanction>
{
    public void Configure(EntityTypeBuilder<DeadlineSanction> builder)
    {
        builder.ToTable("ace_deadline_sanctions");

        // One missed deadline carries one sanction.
        builder.HasKey(x => x.DeadlineId);
        builder.Property(x => x.LiftReason).HasMaxLength(DeadlineSanction.LiftReasonMaxLength);
        builder.Property(x => x.LiftWhy).AsFact("lift_why");
        builder.Ignore(x => x.EndedBecause);
        builder.HasOne<Deadline>().WithOne().HasForeignKey<DeadlineSanction>(x => x.DeadlineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnforcementEventConfiguration : IEntityTypeConfiguration<EnforcementEvent>
{
    public void Configure(EntityTypeBuilder<EnforcementEvent> builder)
    {
        builder.ToTable("ace_enforcement_events");
        builder.Property(x => x.ActorName).HasMaxLength(200);
        builder.Property(x => x.Text).HasMaxLength(EnforcementEvent.TextMaxLength);
        builder.Property(x => x.Facts).HasColumnName("data").HasColumnType("jsonb").HasConversion(FactsMapping.Converter!, FactsMapping.Comparer!);
        builder.Property(x => x.Reason).HasMaxLength(EnforcementEvent.ReasonMaxLength);
        builder.HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Restrict);

        // An account's history, newest first (staff account page, advertiser's ACE page).
        builder.HasIndex(x => new { x.AdAccountId, x.At });
    }
}

internal sealed class StandingCheckConfiguration : IEntityTypeConfiguration<Deadlines.StandingCheck>
{
    public void Configure(EntityTypeBuilder<Deadlines.StandingCheck> builder)
    {
        builder.ToTable("ace_standing_checks");
        builder.HasKey(x => x.AdAccountId);
        builder.HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Cascade);

        // The standing sweep takes the oldest due first.
        builder.HasIndex(x => new { x.DueAt, x.AdAccountId });
    }
}

internal sealed class ComplaintSubmissionConfiguration : IEntityTypeConfiguration<ComplaintSubmission>
{
    public void Configure(EntityTypeBuilder<ComplaintSubmission> builder)
    {
        builder.ToTable("complaint_submissions");
        builder.HasKey(x => x.KeyHash);
        builder.Property(x => x.KeyHash).HasMaxLength(64).IsFixedLength();
        builder.HasOne<AceComplaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ComplaintId);
    }
}
