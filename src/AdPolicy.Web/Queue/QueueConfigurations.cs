using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Web.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Queue;

internal sealed class QueueItemConfiguration : IEntityTypeConfiguration<QueueItem>
{
    public void Configure(EntityTypeBuilder<QueueItem> builder)
    {
        builder.ToTable("queue_items");
        builder.Property(x => x.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(x => x.CaseId).IsUnique();
        builder.Property(x => x.Reference).HasMaxLength(40);
        builder.Property(x => x.Subject).HasMaxLength(200);
        builder.Property(x => x.Status).HasMaxLength(40);
        builder.Property(x => x.Reason).HasMaxLength(60);
        builder.Property(x => x.AssigneeName).HasMaxLength(200);

        // Default order (overdue first, then soonest due) and "by age"; each filter has an index led by its column.
        builder.HasIndex(x => new { x.SortDue, x.Id }).HasDatabaseName("ix_queue_items_due");
        builder.HasIndex(x => new { x.FiledAt, x.Id }).HasDatabaseName("ix_queue_items_age");
        builder.HasIndex(x => new { x.AssigneeId, x.SortDue, x.Id }).HasDatabaseName("ix_queue_items_assignee_due");
        builder.HasIndex(x => new { x.OrganisationId, x.SortDue, x.Id }).HasDatabaseName("ix_queue_items_organisation_due");
        builder.HasIndex(x => new { x.Kind, x.Status, x.SortDue, x.Id }).HasDatabaseName("ix_queue_items_kind_status_due");
        builder.HasIndex(x => new { x.Reason, x.SortDue, x.Id }).HasDatabaseName("ix_queue_items_reason_due");

        // The search box: substrings of ids and emails by trigram, words by full text (the Desk migration).
        builder.Property(x => x.SearchText).HasMaxLength(QueueItem.SearchTextMaxLength);
        builder.HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_queue_items_search_trgm");
        builder.HasGeneratedTsVectorColumn(x => x.SearchVector, "simple", x => new { x.SearchText })
            .HasIndex(x => x.SearchVector).HasMethod("gin").HasDatabaseName("ix_queue_items_search_words");
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.ToTable("saved_views");
        builder.Property(x => x.Name).HasMaxLength(SavedView.NameMaxLength);
        builder.Property(x => x.Query).HasMaxLength(SavedView.QueryMaxLength);
        builder.HasIndex(x => new { x.UserId, x.Name }).IsUnique();
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QueueCountConfiguration : IEntityTypeConfiguration<QueueCount>
{
    public void Configure(EntityTypeBuilder<QueueCount> builder)
    {
        builder.ToTable("queue_counts");
        builder.HasKey(x => new { x.Kind, x.Status });
        builder.Property(x => x.Status).HasMaxLength(40);
    }
}

internal sealed class QueueCountDeltaConfiguration : IEntityTypeConfiguration<QueueCountDelta>
{
    public void Configure(EntityTypeBuilder<QueueCountDelta> builder)
    {
        builder.ToTable("queue_count_deltas");
        builder.Property(x => x.Id).UseIdentityAlwaysColumn();
        builder.Property(x => x.Status).HasMaxLength(40);
    }
}

internal sealed class DemoClockOffsetConfiguration : IEntityTypeConfiguration<Deadlines.DemoClockOffset>
{
    public void Configure(EntityTypeBuilder<Deadlines.DemoClockOffset> builder)
    {
        builder.ToTable("demo_clock_offsets", t => t.HasCheckConstraint("ck_demo_clock_offsets_single_row", "id = 1"));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.ChangedBy).HasMaxLength(200);
    }
}

internal sealed class SuspensionEndingConfiguration : IEntityTypeConfiguration<Deadlines.SuspensionEnding>
{
    public void Configure(EntityTypeBuilder<Deadlines.SuspensionEnding> builder)
    {
        builder.ToTable("suspension_endings");
        builder.HasKey(x => new { x.AdAccountId, x.EndedAt });
    }
}
