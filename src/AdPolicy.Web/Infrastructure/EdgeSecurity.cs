using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// The app behind a reverse proxy and in a browser. Forwarded headers are believed only from the configured proxies
/// (<c>ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c>; loopback when none is configured), so the rate limits
/// see the real client and an https request forwarded as http still gets Secure cookies and HSTS. Every response —
/// pages, static files, redirects, error pages — carries the security headers, including a Content-Security-Policy
/// that allows no inline script or style (page scripts live in wwwroot/js).
/// </summary>
public static class EdgeSecurity
{
    public const string Section = "ForwardedHeaders";

    public static void AddAdPolicyEdge(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = ParseAddresses(configuration);
        var networks = ParseNetworks(configuration);
        var forwardLimit = configuration.GetValue($"{Section}:ForwardLimit", 1);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = forwardLimit;
            if (proxies.Count + networks.Count > 0)
            {
                // Configured proxies replace the loopback default: only they are believed.
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                proxies.ForEach(o.KnownProxies.Add);
                networks.ForEach(o.KnownIPNetworks.Add);
            }
        });

        services.AddSecurityHeaderPolicies(policies => policies.SetDefaultPolicy(p => p
            .AddDefaultSecurityHeaders()
            .AddReferrerPolicyNoReferrer()
            .AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 365 * 24 * 60 * 60)
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data(); // Bootstrap draws form controls with data: SVGs
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            })
            .AddPermissionsPolicy(permissions =>
            {
                permissions.AddCamera().None();
                permissions.AddMicrophone().None();
                permissions.AddGeolocation().None();
                permissions.AddPayment().None();
                permissions.AddUsb().None();
                permissions.AddFullscreen().None();
            })));
    }

    /// <summary>First in the pipeline: the client's address and scheme, before anything reads them.</summary>
    public static void UseAdPolicyForwardedHeaders(this WebApplication app) => app.UseForwardedHeaders();

    private static List<IPAddress> ParseAddresses(IConfiguration configuration) =>
        Values(configuration, "KnownProxies")
            .Select(v => IPAddress.TryParse(v, out var ip) ? ip : throw Wrong("KnownProxies", v, "an IP address (e.g. 10.0.0.5)"))
            .ToList();

    private static List<System.Net.IPNetwork> ParseNetworks(IConfiguration configuration) =>
        Values(configuration, "KnownNetworks")
            .Select(v => System.Net.IPNetwork.TryParse(v, out var network) ? network : throw Wrong("KnownNetworks", v, "a network in CIDR form (e.g. 10.0.0.0/24)"))
            .ToList();

    /// <summary>A list in configuration: an array (KnownProxies:0, …) or one comma-separated value (handy in an environment variable).</summary>
    private static string[] Values(IConfiguration configuration, string key) =>
        configuration.GetSection($"{Section}:{key}").Get<string[]>()
        ?? (configuration[$"{Section}:{key}"] is { Length: > 0 } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : []);

    private static InvalidOperationException Wrong(string key, string value, string expected) =>
        new($"{Section}:{key} has \"{value}\", which is not {expected}.");
}
