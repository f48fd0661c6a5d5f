using System.Globalization;
using System.Security.Claims;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;

namespace AdPolicy.Web.Localisation;

/// <summary>
/// The person reading this page: their time zone (their own choice, or their organisation's region's, put into the
/// sign-in by <see cref="AppClaimsFactory"/>; UTC before sign-in) and the request's culture. Every time a page shows
/// goes through <see cref="At(DateTimeOffset)"/>; every date or time a person types is read by <see cref="FromLocal"/>.
/// </summary>
public sealed class Reader(IHttpContextAccessor http)
{
    private DateTimeZone? _zone;

    public DateTimeZone Zone => _zone ??= Zones.Get(http.HttpContext?.User.FindFirstValue(AppClaims.TimeZone));

    public CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>"8 Dec 2026, 23:59 CET".</summary>
    public string At(DateTimeOffset at) => Zones.Format(at, Zone, Culture);

    public string Date(DateTimeOffset at) => Zones.FormatDate(at, Zone, Culture);

    /// <summary>Text written for everyone, with its "yyyy-MM-dd HH:mm UTC" moments in this reader's zone.</summary>
    public string Text(string? text) => Zones.InZone(text ?? string.Empty, Zone, Culture);

    /// <summary>A sentence the domain derived, in this reader's language and zone.</summary>
    public string Text(FormattableString? said) => Text(Sentences.Of(said));

    /// <summary>A date and time typed by this person (no offset), as the moment it names.</summary>
    public DateTimeOffset FromLocal(DateTime local) => Zones.FromLocal(local, Zone);

    public DateOnly Today(DateTimeOffset now) => Zones.Today(now, Zone);
}

/// <summary>Someone a notice or an email is written for: their zone and language, resolved as the reader's are.</summary>
public sealed record Recipient(DateTimeZone Zone, CultureInfo Culture)
{
    public static Recipient Of(string? ownZone, string? ownLanguage, Region? region, LocalisationOptions options) =>
        new(Zones.Get(EffectiveZone(ownZone, region, options)), CultureInfo.GetCultureInfo(Languages.IsSupported(ownLanguage) ? ownLanguage! : options.DefaultLanguage));

    /// <summary>A person's zone: their own choice, else their organisation's region's, else the staff zone.</summary>
    public static string EffectiveZone(string? ownZone, Region? region, LocalisationOptions options) =>
        Zones.IsKnown(ownZone) ? ownZone! : options.ZoneOf(region);

    public string Text(string text) => Zones.InZone(text, Zone, Culture);

    /// <summary>Until disposed, localisers and formatting on this thread speak the recipient's language.</summary>
    public IDisposable Speak() => new CultureScope(Culture);

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}

public static class LocalisationSetup
{
    /// <summary>
    /// Zones and languages: the reader, resource files under <c>Resources/</c>, and who gets which language — a
    /// signed-in person's profile choice, else the language cookie (the switcher), else the browser's Accept-Language,
    /// else <see cref="LocalisationOptions.DefaultLanguage"/>.
    /// </summary>
    public static void AddLocalisation(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LocalisationOptions>().BindConfiguration(LocalisationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<Reader>();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, KeptStringLocalizerFactory>());
        services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<LocalisationOptions>>((o, settings) =>
        {
            var cultures = Languages.All.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(settings.Value.DefaultLanguage);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new Microsoft.AspNetCore.Localization.CustomRequestCultureProvider(http => Task.FromResult(
                    http.User.FindFirstValue(AppClaims.Language) is { } chosen
                        ? new Microsoft.AspNetCore.Localization.ProviderCultureResult(chosen)
                        : null)),
                new Microsoft.AspNetCore.Localization.CookieRequestCultureProvider(),
                new Microsoft.AspNetCore.Localization.AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    /// <summary>After authentication (the profile's language is in the sign-in), before anything is written.</summary>
    public static void UseLocalisation(this WebApplication app) => app.UseRequestLocalization();
}

/// <summary>The language cookie (ASP.NET Core's own culture cookie) a visitor's choice is kept in.</summary>
public static class LanguageCookie
{
    public static readonly string Name = Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName;

    public static void Write(HttpResponse response, string language) =>
        response.Cookies.Append(
            Name,
            Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new Microsoft.AspNetCore.Localization.RequestCulture(language)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });
}
