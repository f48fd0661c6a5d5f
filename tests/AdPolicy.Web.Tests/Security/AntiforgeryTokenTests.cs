using System.Net;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Tests.Security;

/// <summary>
/// A person's pages carry the same form token for a few seconds (<see cref="CachedAntiforgery"/>, issue 17), and every
/// post is still checked in full: a token bound to someone else, or altered, is refused; a browser without the
/// antiforgery cookie is given a new one each time. A page without a message sets no cookie.
/// </summary>
public sealed class AntiforgeryTokenTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Uri Site = new("http://localhost/");

    [Fact]
    public async Task APersonsNextPages_CarryTheSameToken_AndEveryPostIsStillChecked()
    {
        using var browser = await app.SignedInAsync((await app.CreateAdvertiserAsync()).Email);

        var first = await browser.GetAsync("/Promotions");
        var second = await browser.GetAsync("/Refunds");

        Assert.Equal(Token(first), Token(second));
        Assert.True(second.Response.Headers.CacheControl is { NoCache: true, NoStore: true }, "A page with a form token may be cached.");
        var token = Token(second);
        var altered = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];
        Assert.Equal(HttpStatusCode.BadRequest, (await SwitchLanguageAsync(browser, altered)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SwitchLanguageAsync(browser, token)).Status);
    }

    [Fact]
    public async Task SomeoneElseSigningInOnTheSameBrowser_GetsTheirOwnToken_AndThePreviousPersonsIsRefused()
    {
        var cookies = new CookieContainer();
        using var browser = app.CreateAppClient(cookies);
        await browser.SignInAsync((await app.CreateAdvertiserAsync()).Email);
        var alexToken = Token(await browser.GetAsync("/Promotions"));
        var browserCookie = cookies.GetCookies(Site)["adpolicy.af"]!.Value;
        await browser.PostFormAsync("/Promotions", "form[action='/Account/Logout']", []);
        var signedOutToken = Token(await browser.GetAsync("/Public/Guidance"));
        await browser.SignInAsync((await app.CreateAdvertiserAsync()).Email);
        var blairToken = Token(await browser.GetAsync("/Promotions"));

        Assert.Equal(browserCookie, cookies.GetCookies(Site)["adpolicy.af"]!.Value); // one browser cookie throughout
        Assert.Equal(3, new[] { alexToken, signedOutToken, blairToken }.Distinct().Count());
        Assert.Equal(HttpStatusCode.BadRequest, (await SwitchLanguageAsync(browser, alexToken)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SwitchLanguageAsync(browser, signedOutToken)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SwitchLanguageAsync(browser, blairToken)).Status);
    }

    [Fact]
    public async Task OnceTheWindowHasPassed_APageCarriesAFreshToken_AndTheEarlierOneStillWorks()
    {
        using var browser = await app.SignedInAsync((await app.CreateAdvertiserAsync()).Email);
        var before = Token(await browser.GetAsync("/Promotions"));

        var window = app.Services.GetRequiredService<IOptions<SessionCacheOptions>>().Value.CacheSeconds;
        app.Clock.Advance(TimeSpan.FromSeconds(window + 1));
        var after = Token(await browser.GetAsync("/Promotions"));

        Assert.NotEqual(before, after);
        Assert.Equal(HttpStatusCode.Redirect, (await SwitchLanguageAsync(browser, before)).Status);
    }

    [Fact]
    public async Task ABrowserWithoutTheCookie_IsGivenANewCookieAndTokenEachTime()
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var first = await http.GetAsync("/Public/Guidance", TestContext.Current.CancellationToken);
        var second = await http.GetAsync("/Public/Guidance", TestContext.Current.CancellationToken);

        var cookies = new[] { first, second }.Select(r => r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("adpolicy.af=", StringComparison.Ordinal))).ToList();
        Assert.NotEqual(cookies[0], cookies[1]);
        var tokens = new List<string>();
        foreach (var response in new[] { first, second })
        {
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            tokens.Add(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        }

        Assert.All(tokens, t => Assert.NotEmpty(t));
        Assert.NotEqual(tokens[0], tokens[1]);
    }

    [Fact]
    public async Task APageWithoutAMessage_SetsNoCookie_AndAMessageIsShownOnceThenCleared()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<Notifier>().NotifyAsync(await app.UserIdAsync(advertiser.Email), () => ("A notice", "Body"), null, email: false, TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var cookies = new CookieContainer();
        using var browser = app.CreateAppClient(cookies);
        await browser.SignInAsync(advertiser.Email);

        var plain = await browser.GetAsync("/Promotions");
        Assert.False(plain.Response.Headers.Contains("Set-Cookie"), "A page without a message set a cookie: " + string.Join(" | ", plain.Response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []));

        // Marking all notifications read leaves a message for the next page.
        var marked = await browser.PostFormAsync("/Notifications", "form[data-testid=mark-all-read]", []);
        Assert.NotNull(cookies.GetCookies(Site)[".AspNetCore.Mvc.CookieTempDataProvider"]);
        var shown = await browser.FollowAsync(marked);
        Assert.Equal("Marked 1 notification as read.", shown.TestId("status"));
        Assert.Null(cookies.GetCookies(Site)[".AspNetCore.Mvc.CookieTempDataProvider"]);
        var next = await browser.GetAsync("/Promotions");
        Assert.Empty(next.TestId("status"));
        Assert.False(next.Response.Headers.Contains("Set-Cookie"));
    }

    private static string Token(PageResult page) =>
        page.Document.QuerySelector("form[data-testid=language-switcher] input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No language switcher on the page ({(int)page.Status}).");

    private static Task<PageResult> SwitchLanguageAsync(AppClient client, string token) =>
        client.PostAsync("/Language", [new("language", "es"), new("returnUrl", "/Promotions"), new("__RequestVerificationToken", token)]);
}
