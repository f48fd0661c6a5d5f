using AdPolicy.Web.Data;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Complaints;

/// <summary>
/// The complainant's tracking page speaks the language chosen on the complaint form, not the one the browser asks
/// for: the link is opened from an email, often on another device. The order on that page is the visitor's own
/// explicit choice (a signed-in profile's language, then the footer switcher's cookie), then the complaint's language,
/// then the browser's <c>Accept-Language</c>, then the default — this provider sits just before <c>Accept-Language</c>.
/// </summary>
public sealed class ComplaintLanguageProvider : RequestCultureProvider
{
    private static readonly PathString TrackPath = TrackingTokens.PathFor(string.Empty).TrimEnd('/');

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (!httpContext.Request.Path.StartsWithSegments(TrackPath, out var rest))
        {
            return null;
        }

        var token = rest.Value?.Trim('/');
        if (!TrackingTokens.LooksValid(token))
        {
            return null;
        }

        var hash = TrackingTokens.Hash(token!);
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var language = await db.AceComplaints.AsNoTracking()
            .Where(c => c.TrackingTokenHash == hash && c.TrackingRevokedAt == null)
            .Select(c => c.ComplainantLanguage)
            .FirstOrDefaultAsync(httpContext.RequestAborted);
        return Languages.IsSupported(language) ? new ProviderCultureResult(language) : null;
    }

    /// <summary>Puts the provider just before <c>Accept-Language</c> in the app's order of providers.</summary>
    public static void Register(IServiceCollection services) =>
        services.PostConfigure<RequestLocalizationOptions>(o =>
        {
            var acceptLanguage = o.RequestCultureProviders.ToList().FindIndex(p => p is AcceptLanguageHeaderRequestCultureProvider);
            o.RequestCultureProviders.Insert(acceptLanguage < 0 ? o.RequestCultureProviders.Count : acceptLanguage, new ComplaintLanguageProvider());
        });
}
