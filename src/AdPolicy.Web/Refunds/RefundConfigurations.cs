using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Refunds;

internal sealed class RefundRequestConfiguration : IEntityTypeConfiguration<RefundRequest>
{
    public void Configure(EntityTypeBuilder<RefundRequest> builder)
    {
        builder.ToTable("refund_requests");
        builder.Property(x => x.Number).HasDefaultValueSql("nextval('refund_number_seq')");
        builder.HasIndex(x => x.Number).IsUnique();
        builder.Property(x => x.CampaignExternalId).HasMaxLength(64);
        builder.Property(x => x.Description).HasMaxLength(RefundRequest.DescriptionMaxLength);
        builder.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(x => x.FiledByName).HasMaxLength(200);
        builder.Property(x => x.AssigneeName).HasMaxLength(200);
        builder.Property(x => x.DecidedByName).HasMaxLength(200);
        builder.Property(x => x.DecisionReason).HasMaxLength(4000);
        builder.Property(x => x.EligibilityAdvice).HasMaxLength(4000);
        builder.Property(x => x.OpenQuestion).HasMaxLength(4000);
        builder.Property(x => x.Version).IsRowVersion();
        builder.Ignore(x => x.Reference);
        builder.Ignore(x => x.Requested);
        builder.Ignore(x => x.Approved);
        builder.Ignore(x => x.IsOpen);
        builder.Ignore(x => x.IsClockPaused);
        builder.Ignore(x => x.IsAwaitingFirstResponse);

        builder.HasOne<Promotion>().WithMany().HasForeignKey(x => x.PromotionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.FiledById).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("fk_refund_requests_asp_net_users_filed_by_id"); // named before Identity's tables lost their prefix
        builder.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.RefundRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);

        // A double submit of the same form files one request.
        builder.HasIndex(x => new { x.FiledById, x.IdempotencyKey }).IsUnique();

        // "My cases": an organisation's requests, newest first.
        builder.HasIndex(x => new { x.OrganisationId, x.FiledAt, x.Number });
        builder.HasIndex(x => new { x.PromotionId, x.Status });

        // The desk dashboard's figures per period: first responses and decisions, each by when it happened.
        builder.HasIndex(x => x.FirstResponseAt).HasDatabaseName("ix_refund_requests_first_response_at");
        builder.HasIndex(x => x.DecidedAt).HasDatabaseName("ix_refund_requests_decided_at");
    }
}

internal sealed class RefundEventConfiguration : IEntityTypeConfiguration<RefundEvent>
{
    public void Configure(EntityTypeBuilder<RefundEvent> builder)
    {
        builder.ToTable("refund_events");
        builder.Property(x => x.ActorName).HasMaxLength(200);
        builder.Property(x => x.Text).HasMaxLength(8000);
        builder.Property(x => x.Changes).HasMaxLength(2000);
        builder.HasIndex(x => new { x.RefundRequestId, x.Sequence }).IsUnique();
    }
}
