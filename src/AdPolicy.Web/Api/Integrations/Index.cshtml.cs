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
/// API keys and webhook endpoints (Integrations policy: an advertiser organisation's members manage their organisation's;
/// admins manage the integration ones, which reach every organisation). A new key or signing secret is shown once, on the
/// answer to the post that made it, and never again: only its hash (keys) or its encrypted form (secrets) is kept.
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock, WebhookSecrets secrets, IStringLocalizer<IndexModel> text) : PageModel
{
    [BindProperty]
    public KeyInput NewKey { get; set; } = new();

    [BindProperty]
    public EndpointInput NewEndpoint { get; set; } = new();

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    public IReadOnlyList<WebhookEndpoint> Endpoints { get; private set; } = [];

    /// <summary>The key just created, shown once.</summary>
    public string? CreatedKey { get; private set; }

    /// <summary>The signing secret just made or rotated, shown once, and its endpoint.</summary>
    public (Guid EndpointId, string Secret)? ShownSecret { get; private set; }

    /// <summary>Null for an admin: integration keys and endpoints.</summary>
    public Guid? Owner => User.OrganisationId();

    public bool ForIntegrations => Owner is null;

    public IReadOnlyList<string> Scopes => ApiScopes.AllowedFor(ForIntegrations);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateKeyAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var name = NewKey.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            ModelState.AddModelError("NewKey.Name", text["Name the key after the system that will use it, so you can tell keys apart later."]);
        }
        else if (name.Length > ApiKey.NameMaxLength)
        {
            ModelState.AddModelError("NewKey.Name", text["A key's name has at most {0} characters.", ApiKey.NameMaxLength]);
        }

        if (NewKey.Scopes.Count == 0 || NewKey.Scopes.Any(s => !Scopes.Contains(s)))
        {
            ModelState.AddModelError("NewKey.Scopes", text["Choose what the key may do (at least one of the listed permissions)."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var (key, secret) = ApiKey.Create(Owner, name, NewKey.Scopes, User.Id(), User.Name(), clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        CreatedKey = secret;
        NewKey = new KeyInput();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.OrganisationId == Owner, cancellationToken);
        if (key is null)
        {
            return NotFound();
        }

        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = text["Key \"{0}\" ({1}…) was revoked; calls with it now answer 401.", key.Name, key.Prefix].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateEndpointAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (await secrets.UrlProblemAsync(NewEndpoint.Url, cancellationToken) is { } problem)
        {
            ModelState.AddModelError("NewEndpoint.Url", text[problem]);
        }

        if (NewEndpoint.Events.Count == 0 || NewEndpoint.Events.Any(e => !WebhookEventTypes.All.Contains(e)))
        {
            ModelState.AddModelError("NewEndpoint.Events", text["Choose the events this address should receive (at least one)."]);
        }

        var description = NewEndpoint.Description?.Trim() ?? string.Empty;
        if (description.Length > WebhookEndpoint.DescriptionMaxLength)
        {
            ModelState.AddModelError("NewEndpoint.Description", text["Keep the description under {0} characters.", WebhookEndpoint.DescriptionMaxLength]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var now = clock.GetUtcNow();
        var secret = WebhookEndpoint.NewSecret();
        var endpoint = new WebhookEndpoint(
            Guid.CreateVersion7(now), Owner, NewEndpoint.Url!.Trim(), description, [.. NewEndpoint.Events.Distinct()], secrets.Protect(secret), User.Id(), now);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        ShownSecret = (endpoint.Id, secret);
        NewEndpoint = new EndpointInput();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateSecretAsync(Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await FindEndpointAsync(id, cancellationToken);
        if (endpoint is null)
        {
            return NotFound();
        }

        var secret = WebhookEndpoint.NewSecret();
        endpoint.Rotate(secrets.Protect(secret), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        ShownSecret = (endpoint.Id, secret);
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableEndpointAsync(Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await FindEndpointAsync(id, cancellationToken);
        if (endpoint is null)
        {
            return NotFound();
        }

        endpoint.Disable(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = text["{0} no longer receives events.", endpoint.Url].Value;
        return RedirectToPage();
    }

    private Task<WebhookEndpoint?> FindEndpointAsync(Guid id, CancellationToken cancellationToken) =>
        db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id && e.OrganisationId == Owner && e.DisabledAt == null, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var owner = Owner;
        Keys = await db.ApiKeys.AsNoTracking().Where(k => k.OrganisationId == owner).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        Endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.OrganisationId == owner).OrderByDescending(e => e.CreatedAt).ToListAsync(cancellationToken);
    }

    public sealed class KeyInput
    {
        public string? Name { get; set; }

        public List<string> Scopes { get; set; } = [];
    }

    public sealed class EndpointInput
    {
        public string? Url { get; set; }

        public string? Description { get; set; }

        public List<string> Events { get; set; } = [];
    }
}
