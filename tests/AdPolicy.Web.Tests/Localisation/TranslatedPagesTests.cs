using System.Net;
using System.Text.RegularExpressions;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>
/// The translated pages read wholly in the reader's language: signed in (or not) with Spanish chosen, no common
/// English word is left in what a person sees — and in English no Spanish one. Every other page's layout (menu,
/// footer) is checked the same way by following the app's own links.
/// </summary>
public sealed partial class TranslatedPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Common words of running text: one of them in a Spanish page means a sentence was left in English.</summary>
    internal static readonly HashSet<string> EnglishWords =
        ["the", "and", "your", "you", "is", "not", "with", "this", "of", "for", "from", "to", "sign", "password", "account", "page", "enter", "choose", "code", "try", "again", "here", "nothing", "what", "new", "back", "was"];

    internal static readonly HashSet<string> SpanishWords =
        ["el", "la", "los", "las", "de", "del", "tu", "tus", "una", "para", "con", "que", "por", "sesión", "contraseña", "cuenta", "página", "nueva", "código", "vuelve", "elige", "escribe"];

    /// <summary>The pages translated so far, as a person with no account sees them.</summary>
    private static readonly string[] PublicPages =
    [
        "/Account/Login", "/Account/ForgotPassword", "/Account/ForgotPassword?sent=true", "/Account/ResetPassword?email=a%40b.example&token=abc",
        "/Account/AccessDenied", "/Error", "/no-such-page", "/StatusCode?code=400", "/StatusCode?code=413", "/StatusCode?code=429", "/StatusCode?code=500",
    ];

    [Theory]
    [InlineData("es")]
    [InlineData("en")]
    public async Task ThePagesTranslatedSoFar_HaveNoWordOfTheOtherLanguage(string language)
    {
        var foreign = language == "es" ? EnglishWords : SpanishWords;
        using var anonymous = app.CreateAppClient();
        anonymous.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var admin = await app.CreateUserAsync(Roles.Admin, name: "Ada Admin");
        await app.SetLanguageAsync(admin, language);
        using var signedIn = await app.SignedInAsync(admin);

        var leftovers = new List<string>();
        foreach (var url in PublicPages)
        {
            leftovers.AddRange(Foreign(url, await anonymous.GetAsync(url), foreign));
        }

        // Validation messages and the sign-in refusal, in the page's language.
        leftovers.AddRange(Foreign("login: empty", await anonymous.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = "", ["Input.Password"] = "" }), foreign));
        leftovers.AddRange(Foreign("login: wrong", await anonymous.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = admin, ["Input.Password"] = "Wrong-pass-2026" }), foreign));
        leftovers.AddRange(Foreign("forgot: not an address", await anonymous.PostFormAsync("/Account/ForgotPassword", "form", new() { ["Input.Email"] = "nope" }), foreign));
        leftovers.AddRange(Foreign("reset: mismatch", await anonymous.PostFormAsync(PublicPages[3], "form", new() { ["Input.Password"] = "short", ["Input.Confirm"] = "other" }), foreign));

        // The second step of an admin's sign-in, and their own account page with its messages.
        using var halfway = app.CreateAppClient();
        halfway.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var password = await halfway.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = admin, ["Input.Password"] = AppClient.Password });
        leftovers.AddRange(Foreign("2fa", await halfway.GetAsync(password.Location!), foreign));
        leftovers.AddRange(Foreign("2fa: wrong", await halfway.PostFormAsync(password.Location!, "form[data-testid=code-form]", new() { ["Code"] = "000000" }), foreign));
        leftovers.AddRange(Foreign("profile", await signedIn.GetAsync("/Account/Profile"), foreign));
        leftovers.AddRange(Foreign("profile: password", await signedIn.PostFormAsync("/Account/Profile", "form[data-testid=change-password]", new() { ["Password.Current"] = "", ["Password.New"] = "x", ["Password.Confirm"] = "y" }), foreign));
        leftovers.AddRange(Foreign("profile: saved", await signedIn.FollowAsync(await signedIn.PostFormAsync("/Account/Profile", "form[data-testid=preferences]", new() { ["Preferences.Language"] = language, ["Preferences.TimeZone"] = "" })), foreign));

        Assert.Empty(leftovers);

        // And the words are there: the pages were reached in the language asked for (a redirect would pass the check above).
        var (signIn, verify, empty) = language == "es" ? ("Iniciar sesión", "Verificar", "Escribe tu contraseña.") : ("Sign in", "Verify", "Enter your password.");
        Assert.Contains(signIn, (await anonymous.GetAsync("/Account/Login")).Text, StringComparison.Ordinal);
        Assert.Contains(verify, (await halfway.GetAsync(password.Location!)).Text, StringComparison.Ordinal);
        Assert.Contains(empty, (await anonymous.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = "a@b.example", ["Input.Password"] = "" })).FieldError("Input.Password"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnglishSentenceLeftInASpanishPage_IsCaughtByTheSameCheck()
    {
        // The check itself: the promotions page read in Spanish passes, and the same page with one English sentence
        // left in it (as an untranslated key would leave it) does not.
        var advertiser = await app.CreateAdvertiserAsync();
        await app.CreatePromotionAsync(advertiser.Account);
        await app.SetLanguageAsync(advertiser.Email, "es");
        using var client = await app.SignedInAsync(advertiser.Email);
        var page = await client.GetAsync("/Promotions");
        Assert.Empty(Foreign("/Promotions", page, EnglishWords));

        var leftover = page.Document.CreateElement("p");
        leftover.TextContent = "Your organisation has no promotions yet.";
        page.Document.Body!.AppendChild(leftover);
        Assert.Equal(["/Promotions: \"your\""], Foreign("/Promotions", page, EnglishWords));
    }

    [Theory]
    [InlineData(Roles.Advertiser, "es")]
    [InlineData(Roles.Support, "es")]
    [InlineData(Roles.Advertiser, "en")]
    public async Task EveryPagesMenuAndFooter_AreInTheReadersLanguage(string role, string language)
    {
        var foreign = language == "es" ? EnglishWords : SpanishWords;
        var email = role == Roles.Advertiser ? (await app.CreateAdvertiserAsync()).Email : await app.CreateUserAsync(role);
        await app.SetLanguageAsync(email, language);
        using var client = await app.SignedInAsync(email);
        var leftovers = new List<string>();

        var pages = await PageCrawler.CrawlAsync(client, 40, (url, response, document) =>
        {
            if (document is not null && response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
                leftovers.AddRange(document.QuerySelectorAll("header, footer").SelectMany(part => Foreign(url, part, foreign)));
            }
        });

        Assert.True(pages > 5, $"only {pages} pages reached");
        Assert.Empty(leftovers);
    }


    internal static IEnumerable<string> Foreign(string url, PageResult page, HashSet<string> foreign, string? skip = null) =>
        page.Document.Body is { } body ? Foreign(url, body, foreign, skip) : [];

    /// <summary>The foreign words a person sees in the element: not in code, in a time zone list, in a name or in a part marked as the other language.</summary>
    /// <param name="skip">A selector of further parts a caller leaves out (text that is not the page's own, named by the caller).</param>
    internal static IEnumerable<string> Foreign(string url, IElement element, HashSet<string> foreign, string? skip = null)
    {
        var copy = (IElement)element.Clone();
        var hiddenParts = "code, script, select[name='Preferences.TimeZone'], [data-testid=signed-in-as], [lang], .visually-hidden[aria-hidden]" + (skip is null ? string.Empty : ", " + skip);
        foreach (var hidden in copy.QuerySelectorAll(hiddenParts).ToList())
        {
            hidden.Remove();
        }

        // Addresses, references and ids (anything with a digit in it: AD-5de3f…, the random parts of test accounts'
        // names) are not words of either language.
        var text = WithADigit().Replace(Address().Replace(copy.TextContent, " "), " ");
        return Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(foreign.Contains).Distinct().Select(w => $"{url}: \"{w}\"");
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\S+@\S+")]
    private static partial Regex Address();

    [GeneratedRegex(@"[\p{L}\p{N}_-]*\p{N}[\p{L}\p{N}_-]*")]
    private static partial Regex WithADigit();
}
