using AdPolicy.Web.Api;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Api.Integrations;

/// <summary>
/// One endpoint's delivery log (Integrations policy; another organisation's endpoint is 404): each event sent, every
/// attempt with the receiver's answer, newest first, keyset-paged; a delivered or given-up one can be sent again (same
/// event id, so a receiver that already has it can ignore it).
/// </summary>
public sealed class DeliveriesModel(AppDbContext db, TimeProvider clock, IStringLocalizer<DeliveriesModel> text) : PageModel
{
    public const int PageSize = 25;

    public WebhookEndpoint Endpoint { get; private set; } = null!;

    public IReadOnlyList<(WebhookDelivery Delivery, string EventType)> Deliveries { get; private set; } = [];

    public string? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? after, CancellationToken cancellationToken)
    {
        if (!await LoadEndpointAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!ApiCursor.TryDecode(after, out var position))
        {
            return BadRequest();
        }

        var query = db.WebhookDeliveries.AsNoTracking().Include(d => d.Attempts).Where(d => d.EndpointId == id);
        if (position is var (at, lastId))
        {
            query = query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.CreatedAt, d.Id), ValueTuple.Create(at, lastId)));
        }

        var page = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        var eventIds = page.Select(d => d.EventId).ToList();
        var types = await db.WebhookEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Type, cancellationToken);
        Deliveries = [.. page.Take(PageSize).Select(d => (d, types[d.EventId]))];
        if (page.Count > PageSize)
        {
            var last = Deliveries[^1].Delivery;
            Next = ApiCursor.Encode(last.CreatedAt, last.Id);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, Guid deliveryId, CancellationToken cancellationToken)
    {
        if (!await LoadEndpointAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == id, cancellationToken);
        if (delivery is null)
        {
            return NotFound();
        }

        if (delivery.IsPending)
        {
            TempData["Status"] = text["This delivery is still being tried; it is sent again by itself."].Value;
            return RedirectToPage(new { id });
        }

        delivery.Resend(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = text["The event will be sent again within a few seconds, with the same event id."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadEndpointAsync(Guid id, CancellationToken cancellationToken)
    {
        var owner = User.OrganisationId();
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.OrganisationId == owner, cancellationToken);
        if (endpoint is null)
        {
            return false;
        }

        Endpoint = endpoint;
        return true;
    }
}
