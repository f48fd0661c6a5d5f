using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Webhooks;

/// <summary>Keeps endpoint secrets encrypted at rest (the app's data-protection keys, shared by every instance) and checks endpoint addresses.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection, IOptions<WebhookOptions> options, WebhookAddresses addresses)
{
    private readonly IDataProtector _protector = protection.CreateProtector("AdPolicy.Webhooks.Secret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>
    /// The save-time check: <see cref="UrlProblem"/>, then the host's addresses after DNS (<see cref="WebhookAddresses.RefusalAsync"/>).
    /// </summary>
    public async Task<string?> UrlProblemAsync(string? url, CancellationToken cancellationToken) =>
        UrlProblem(url) ?? await addresses.RefusalAsync(new Uri(url!.Trim(), UriKind.Absolute), cancellationToken);

    /// <summary>Why an address cannot take deliveries, as a sentence; null when it can. Checks the form and an address literal, without DNS.</summary>
    public string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Give the address (URL) that receives the events.";
        }

        if (url.Length > WebhookEndpoint.UrlMaxLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return "Give a full address like https://hooks.example.com/adpolicy.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "The address may not carry a user name, password or #fragment; the signature is how the receiver knows it is us.";
        }

        if (System.Net.IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) && addresses.Refusal(uri.IdnHost, literal) is { } refusal)
        {
            return refusal;
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && options.Value.AllowHttpLoopback)
        {
            return null;
        }

        return "Webhook endpoints must use HTTPS (https://…), so events and their signatures cannot be read on the way.";
    }
}
