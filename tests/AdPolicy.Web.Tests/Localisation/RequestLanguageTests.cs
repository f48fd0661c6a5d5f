using System.Globalization;
using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>Who reads which language: the profile's choice, else the switcher's cookie, else the browser's Accept-Language.</summary>
public sealed class RequestLanguageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task BeforeSignIn_TheBrowsersLanguageIsUsed_AndAnythingElseIsEnglish()
    {
        using var spanish = app.CreateAppClient();
        spanish.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES,es;q=0.9,en;q=0.5");
        using var german = app.CreateAppClient();
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        using var none = app.CreateAppClient();

        Assert.Equal("es", Lang(await spanish.GetAsync("/Account/Login")));
        Assert.Equal("en", Lang(await german.GetAsync("/Account/Login")));
        Assert.Equal("en", Lang(await none.GetAsync("/Account/Login")));
    }

    [Fact]
    public async Task WordsKeptForOneLanguage_AreNeverServedToAnother_OnPagesOrInTheSharedWords()
    {
        using var english = app.CreateAppClient();
        english.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        using var spanish = app.CreateAppClient();
        spanish.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");

        // The same page, alternately, so each language asks for words the other has just kept.
        var pages = new List<(string? Lang, string Text)>();
        foreach (var client in new[] { english, spanish, english, spanish })
        {
            var page = await client.GetAsync("/Account/Login");
            pages.Add((Lang(page), page.Text));
        }

        Assert.Equal(["en", "es", "en", "es"], pages.Select(p => p.Lang));
        Assert.All(pages.Where(p => p.Lang == "en"), p => Assert.Contains("Report an ad", p.Text, StringComparison.Ordinal));
        Assert.All(pages.Where(p => p.Lang == "es"), p => Assert.DoesNotContain("Report an ad", p.Text, StringComparison.Ordinal));
        var said = new List<string>();
        foreach (var culture in new[] { "en", "es", "en", "es" })
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            said.Add(AdPolicy.Web.Localisation.Words.Get("Sign out"));
        }

        Assert.Equal(["Sign out", "Cerrar sesión", "Sign out", "Cerrar sesión"], said);
    }

    [Fact]
    public async Task TheSwitcher_KeepsTheChoiceInACookie_OverTheBrowsersLanguage_AndNeedsItsAntiforgeryToken()
    {
        using var client = app.CreateAppClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var forged = await client.PostAsync("/Language", [new("language", "es"), new("returnUrl", "/Account/Login")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal("en", Lang(await client.GetAsync("/Account/Login")));

        var switched = await client.PostFormAsync("/Account/Login", "form[data-testid=language-switcher]", new() { ["language"] = "es" });
        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        Assert.Equal("/Account/Login", switched.Location);
        Assert.Equal("es", Lang(await client.GetAsync("/Account/Login")));

        var offSite = await client.PostFormAsync("/Account/Login", "form[data-testid=language-switcher]", new() { ["language"] = "en", ["returnUrl"] = "https://evil.example/" });
        Assert.Equal("/", offSite.Location);
    }

    [Fact]
    public async Task ASignedInPersonsProfileLanguage_WinsOverTheCookieAndTheBrowser()
    {
        var email = await app.CreateUserAsync(Roles.Support);
        await app.SetLanguageAsync(email, "es");
        using var client = await app.SignedInAsync(email);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        Assert.Equal("es", Lang(await client.GetAsync("/Account/Profile")));

        // The switcher changes the profile too, so the next sign-in anywhere keeps it.
        await client.PostFormAsync("/Account/Profile", "form[data-testid=language-switcher]", new() { ["language"] = "en" });
        Assert.Equal("en", Lang(await client.GetAsync("/Account/Profile")));
        Assert.Equal("en", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Language).SingleAsync()));
    }

    [Fact]
    public async Task TheComplainantsLanguage_IsChosenOnThePublicForm_AndKeptWithTheComplaint()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var spanish = app.CreateAppClient();
        spanish.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var form = await spanish.GetAsync("/Public/Complaints/New");
        Assert.Equal("es", form.Document.QuerySelector("select[name='Input.Language'] option[selected]")?.GetAttribute("value"));

        var filed = await app.FileAsync(new(AceTestData.UserForm(promotion.ExternalCampaignId)) { ["Input.Language"] = "es" });

        Assert.Equal("es", await app.WithDbAsync(db => db.AceComplaints.Where(c => c.Id == filed.Id).Select(c => c.ComplainantLanguage).SingleAsync()));
    }

    [Fact]
    public void MoneyAndNumbers_AreWrittenInTheReadersCulture_WithTheCurrencyCode()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("es");
            Assert.Equal("1.234,50 EUR", Display.Money(1234.5m, "EUR"));
            Assert.Equal("1.000.000", Display.Number(1_000_000));
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("1,234.50 USD", Display.Money(1234.5m, "USD"));
            Assert.Equal("1,000,000", Display.Number(1_000_000));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task AnAdvertiserReadingSpanish_SeesAmountsInSpanishNotation()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await app.CreatePromotionAsync(advertiser.Account, promised: 1_000_000, delivered: 620_000);
        await app.SetLanguageAsync(advertiser.Email, "es");
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.GetAsync("/Promotions");

        Assert.Contains("1.000.000", page.Text, StringComparison.Ordinal);
        Assert.Contains("620.000", page.Text, StringComparison.Ordinal);
    }

    private static string? Lang(PageResult page) => page.Document.DocumentElement.GetAttribute("lang");
}
