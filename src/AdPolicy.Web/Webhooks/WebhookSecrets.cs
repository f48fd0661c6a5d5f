using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Webhooks;

/// <summary>Keeps endpoint secrets encrypted at rest (the app's data-protection keys, shared by every instance) and checks endpoint addresses.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection, IOptions<WebhookOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("AdPolicy.Webhooks.Secret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>Why an address cannot take deliveries, as a sentence; null when it can.</summary>
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
