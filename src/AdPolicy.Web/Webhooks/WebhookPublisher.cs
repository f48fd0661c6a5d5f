using System.Text.Json;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Webhooks;

/// <summary>
/// Raises webhook events: an event row and one delivery row per subscribed endpoint, added to the caller's
/// <see cref="AppDbContext"/>. The caller's <c>SaveChanges</c> commits them with the change, so a delivery exists only if
/// the change committed (the transactional outbox, like <see cref="Notifications.Notifier"/>'s emails). Nothing is written
/// when no endpoint listens.
/// </summary>
public sealed class WebhookPublisher(AppDbContext db, TimeProvider clock)
{
    private readonly Dictionary<Guid, List<(Guid Id, Guid? OrganisationId, string[] Events)>> _endpoints = [];

    /// <summary>Whether any active endpoint hears of <paramref name="type"/> for this organisation (to skip work nobody reads).</summary>
    public async Task<bool> HasSubscribersAsync(string type, Guid organisationId, CancellationToken cancellationToken) =>
        (await EndpointsAsync(organisationId, cancellationToken)).Any(e => e.Events.Contains(type));

    public async Task RaiseAsync(string type, Guid organisationId, object data, CancellationToken cancellationToken)
    {
        var endpoints = (await EndpointsAsync(organisationId, cancellationToken)).Where(e => e.Events.Contains(type)).ToList();
        if (endpoints.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var payload = JsonSerializer.Serialize(new WebhookBody(id, type, now, organisationId, data), Api.ApiJson.Options);
        db.WebhookEvents.Add(new WebhookEvent(id, type, organisationId, now, payload));
        foreach (var endpoint in endpoints)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery(Guid.CreateVersion7(now), id, endpoint.Id, now));
        }
    }

    /// <summary>The organisation's active endpoints and every integration endpoint; asked once per organisation in this scope.</summary>
    private async Task<List<(Guid Id, Guid? OrganisationId, string[] Events)>> EndpointsAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        if (!_endpoints.TryGetValue(organisationId, out var endpoints))
        {
            endpoints = (await db.WebhookEndpoints.AsNoTracking()
                    .Where(e => e.DisabledAt == null && (e.OrganisationId == organisationId || e.OrganisationId == null))
                    .Select(e => new { e.Id, e.OrganisationId, e.Events })
                    .ToListAsync(cancellationToken))
                .Select(e => (e.Id, e.OrganisationId, e.Events))
                .ToList();
            _endpoints[organisationId] = endpoints;
        }

        return endpoints;
    }
}

/// <summary>Every delivery's body: the event id receivers de-duplicate by, its type, when, whose, and the event's data.</summary>
public sealed record WebhookBody(Guid Id, string Type, DateTimeOffset OccurredAt, Guid OrganisationId, object Data);
