using System.Linq.Expressions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Appeals;

internal sealed class ReviewRequestConfiguration : CaseConfiguration<ReviewRequest, ReviewEvent, ReviewEventKind, ReviewStatus>
{
    protected override string Table => "review_requests";

    protected override string NumberSequence => "review_request_number_seq";

    protected override Expression<Func<ReviewEvent, object?>> EventCase => x => x.ReviewRequestId;

    protected override int DecisionReasonMaxLength => ReviewRequest.ReasonMaxLength;

    protected override void ConfigureCase(EntityTypeBuilder<ReviewRequest> builder)
    {
        builder.Property(x => x.Statement).HasMaxLength(ReviewRequest.StatementMaxLength);
        builder.Property(x => x.CreatedByName).HasMaxLength(CaseColumns.NameMaxLength);
        builder.Ignore(x => x.IsOpen);
        builder.Ignore(x => x.IsComplete);
        builder.Ignore(x => x.EvidenceReferenceDate);
        builder.Ignore(x => x.ItemsToReplace);

        builder.HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.ReviewRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The advertiser's list, newest first; "is this penalty already under appeal?".
        builder.HasIndex(x => new { x.OrganisationId, x.CreatedAt });
        builder.HasIndex(x => new { x.SubjectId, x.Status });
    }
}

internal sealed class ReviewEvidenceItemConfiguration : IEntityTypeConfiguration<ReviewEvidenceItem>
{
    public void Configure(EntityTypeBuilder<ReviewEvidenceItem> builder)
    {
        builder.ToTable("review_evidence_items");
        CheckedEvidenceMapping.Configure(builder);
        builder.Property(x => x.CertificateAuthority).HasMaxLength(EvidenceDetails.FieldMaxLength);
        builder.Property(x => x.CertificateNumber).HasMaxLength(EvidenceDetails.FieldMaxLength);
        builder.Property(x => x.DocumentDescription).HasMaxLength(EvidenceDetails.DescriptionMaxLength);
        builder.Ignore(x => x.HasFile);
        builder.Ignore(x => x.Certificate);
        builder.HasMany(x => x.EarlierVersions).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(x => x.EarlierVersions).HasField("_earlierVersions").UsePropertyAccessMode(PropertyAccessMode.Field);

        // One line per required kind on each appeal.
        builder.HasIndex(x => new { x.ReviewRequestId, x.Kind }).IsUnique();
    }
}

/// <summary>Append-only (a trigger of the AppealRounds migration refuses updates and deletes).</summary>
internal sealed class ReviewEvidenceVersionConfiguration : IEntityTypeConfiguration<ReviewEvidenceVersion>
{
    public void Configure(EntityTypeBuilder<ReviewEvidenceVersion> builder)
    {
        builder.ToTable("review_evidence_versions");
        CheckedEvidenceMapping.Configure(builder);
        builder.HasOne<ReviewRequest>().WithMany().HasForeignKey(x => x.ReviewRequestId).OnDelete(DeleteBehavior.Restrict);

        // One row per replaced file of an item, numbered; the reviewer's desk reads an appeal's versions at once.
        builder.HasIndex(x => new { x.ItemId, x.Number }).IsUnique();
        builder.HasIndex(x => x.ReviewRequestId);
    }
}

/// <summary>The columns an evidence item and each of its earlier versions share, mapped once.</summary>
internal static class CheckedEvidenceMapping
{
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : CheckedEvidence
    {
        builder.Property(x => x.AttachedByName).HasMaxLength(200);
        builder.Property(x => x.CheckSummary).HasMaxLength(4000);
        builder.Property(x => x.CheckFindings).HasMaxLength(8000);
        builder.Property(x => x.VerdictNote).HasMaxLength(4000);
        builder.Property(x => x.ReviewedByName).HasMaxLength(200);
        builder.Property(x => x.CheckMeasured).HasColumnName("check_measured").HasColumnType("jsonb").HasConversion(FactsMapping.Converter, FactsMapping.Comparer);
        builder.Property(x => x.CheckFound).HasColumnName("check_found").HasColumnType("jsonb").HasConversion(FactsMapping.Converter, FactsMapping.Comparer);
        builder.Ignore(x => x.Findings);
        builder.Ignore(x => x.Measured);
        builder.HasOne<EvidenceFile>().WithMany().HasForeignKey(x => x.EvidenceFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EvidenceFile>().WithMany().HasForeignKey(x => x.SupportingFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.EvidenceFileId);
        builder.HasIndex(x => x.SupportingFileId);
    }
}

internal sealed class ReviewEventConfiguration : TimelineEventConfiguration<ReviewEvent, ReviewEventKind, ReviewStatus>
{
    protected override string Table => "review_events";

    protected override Expression<Func<ReviewEvent, object?>> CaseAndSequence => x => new { x.ReviewRequestId, x.Sequence };

    protected override void ConfigureEvent(EntityTypeBuilder<ReviewEvent> builder) =>
        builder.Property(x => x.Changes).HasMaxLength(2000);
}
