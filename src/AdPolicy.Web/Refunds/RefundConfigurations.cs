using System.Linq.Expressions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Refunds;

internal sealed class RefundRequestConfiguration : CaseConfiguration<RefundRequest, RefundEvent, RefundEventKind, RefundStatus>
{
    protected override string Table => "refund_requests";

    protected override string NumberSequence => "refund_number_seq";

    protected override Expression<Func<RefundEvent, object?>> EventCase => x => x.RefundRequestId;

    protected override void ConfigureCase(EntityTypeBuilder<RefundRequest> builder)
    {
        builder.Property(x => x.CampaignExternalId).HasMaxLength(64);
        builder.Property(x => x.Description).HasMaxLength(RefundRequest.DescriptionMaxLength);
        builder.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(x => x.FiledByName).HasMaxLength(CaseColumns.NameMaxLength);
        builder.Property(x => x.EligibilityAdvice).HasMaxLength(4000);
        builder.Property(x => x.OpenQuestion).HasMaxLength(4000);
        builder.Ignore(x => x.Requested);
        builder.Ignore(x => x.Approved);
        builder.Ignore(x => x.IsOpen);
        builder.Ignore(x => x.IsClockPaused);
        builder.Ignore(x => x.IsAwaitingFirstResponse);

        builder.HasOne<Promotion>().WithMany().HasForeignKey(x => x.PromotionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.FiledById).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("fk_refund_requests_asp_net_users_filed_by_id"); // named before Identity's tables lost their prefix

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

internal sealed class RefundEventConfiguration : TimelineEventConfiguration<RefundEvent, RefundEventKind, RefundStatus>
{
    protected override string Table => "refund_events";

    protected override Expression<Func<RefundEvent, object?>> CaseAndSequence => x => new { x.RefundRequestId, x.Sequence };

    protected override void ConfigureEvent(EntityTypeBuilder<RefundEvent> builder) =>
        builder.Property(x => x.Changes).HasMaxLength(2000);
}
