using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Api;
using AdPolicy.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdPolicy.Web.Api;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(x => x.Name).HasMaxLength(ApiKey.NameMaxLength);
        builder.Property(x => x.Prefix).HasMaxLength(ApiKey.PrefixLength);
        builder.Property(x => x.Hash).HasMaxLength(64);
        builder.Property(x => x.CreatedByName).HasMaxLength(200);
        builder.Ignore(x => x.IsIntegration);
        builder.Ignore(x => x.IsActive);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);

        // Every API request finds its key by the hash of what it presented.
        builder.HasIndex(x => x.Hash).IsUnique();

        // The keys page: an organisation's keys (integration keys: organisation_id IS NULL), newest first.
        builder.HasIndex(x => new { x.OrganisationId, x.CreatedAt });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("api_idempotency_keys");
        builder.HasKey(x => new { x.ApiKeyId, x.Key });
        builder.Property(x => x.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(x => x.RequestHash).HasMaxLength(64);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(x => x.ApiKeyId).OnDelete(DeleteBehavior.Cascade);

        // "Which key filed this complaint": an integration reads only what its keys filed.
        builder.HasIndex(x => x.ResourceId);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.Property(x => x.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        builder.Property(x => x.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        builder.Ignore(x => x.IsActive);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);

        // Raising an event: the active endpoints of its organisation and the integration ones.
        builder.HasIndex(x => x.OrganisationId).HasFilter("disabled_at IS NULL");
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.Property(x => x.Type).HasMaxLength(WebhookEvent.TypeMaxLength);
        builder.Property(x => x.Payload).HasColumnType("jsonb");
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(x => x.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.Ignore(x => x.IsPending);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Attempts).WithOne().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One delivery per event and endpoint, whatever raises it twice.
        builder.HasIndex(x => new { x.EndpointId, x.EventId }).IsUnique();

        // The sweep's claim: pending deliveries that are due.
        builder.HasIndex(x => x.NextAttemptAt, "ix_webhook_deliveries_pending").HasFilter("delivered_at IS NULL AND gave_up_at IS NULL");

        // The delivery log: an endpoint's deliveries, newest first, keyset-paged on (created_at, id).
        builder.HasIndex(x => new { x.EndpointId, x.CreatedAt, x.Id });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.Property(x => x.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.Ignore(x => x.Succeeded);
        builder.HasIndex(x => new { x.DeliveryId, x.Number }).IsUnique();
    }
}
