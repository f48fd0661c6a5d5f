using System.Text.RegularExpressions;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Localisation;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// Issue 12's journey: a complainant files in Spanish on the public form, a staff member upholds it in English, and the
/// advertiser — Spanish in their profile, in Madrid — reads their ACE page and their notices in Spanish with Madrid
/// times; the complainant's decision email is in Spanish. Every page of the Spanish side is checked for English words.
/// </summary>
public sealed class SpanishJourneyTests(ComplainantJourneyApp app, BrowserFixture browser)
    : BrowserTest<ComplainantJourneyApp>(app, browser), IClassFixture<ComplainantJourneyApp>
{
    private const string Email = "lucia.denunciante@example.es";

    [Fact]
    public async Task APublicComplaintInSpanish_UpheldInEnglish_ReachesTheAdvertisersAcePageAndNoticesInSpanish_WithMadridTimes()
    {
        // Alex (Lumen Outdoor, EMEA: Madrid time) chose Spanish in his profile: notices are written in it when sent.
        await App.SetLanguageAsync("advertiser@lumen.example", "es");

        // Lucía's browser asks for English; she switches to Spanish in the footer, and keeps Spanish for the complaint.
        await Page.GotoAsync("/Public/Complaints/New");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Page.GetByTestId("language-switcher").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Page.Locator("#type-user").CheckAsync();
        await Page.GetByLabel("Qué hizo mal el anunciante").SelectOptionAsync(new SelectOptionValue { Value = "FalsePromotionOrScam" });
        await Page.GetByLabel("Id. de campaña o id. de anuncio").FillAsync("AD-101-001A");
        await Page.GetByLabel("Tu nombre").FillAsync("Lucía Romero");
        await Page.GetByLabel("Tu correo electrónico").FillAsync(Email);
        await Page.GetByLabel("Qué ocurrió").FillAsync("El anuncio prometía una funda impermeable con la tienda de campaña y no venía.");
        await Page.GetByLabel("Idioma de los correos y de la página de seguimiento de esta queja").SelectOptionAsync(new SelectOptionValue { Value = "es" });
        await AssertNoEnglishAsync("public form");
        await ScreenshotAsync("es-public-form");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviar la queja" }).ClickAsync();
        var reference = await Page.GetByTestId("reference").TextContentAsync() ?? string.Empty;
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Queja recibida");
        await AssertNoEnglishAsync("confirmation");
        await ScreenshotAsync("es-filed");

        // Sam works in English (signing in starts a fresh browser session: no language cookie) and upholds it.
        await SignInAsync("support@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Page.Locator("#uphold-tier").SelectOptionAsync(new SelectOptionValue { Value = "Low" });
        await Page.Locator("#uphold-reason").FillAsync("The ad promised a rain cover that the order did not include.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Uphold complaint" }).ClickAsync();
        await Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("upheld");
        await ScreenshotAsync("en-staff-upheld");

        // Alex reads his ACE page.
        await SignInAsync("advertiser@lumen.example");
        await Page.GotoAsync("/Ace");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        var complaint = Page.Locator($"[data-complaint='{reference}']");
        await Expect(complaint).ToContainTextAsync("queja del usuario");
        await Expect(complaint).ToContainTextAsync("Promoción falsa o estafa");
        await Expect(Page.GetByTestId("violations")).ToContainTextAsync("riesgo bajo");
        // Times are Madrid's, named: winter time there is CET.
        await Expect(complaint.Locator("time").First).ToContainTextAsync("CET");
        await AssertNoEnglishAsync("ACE page");
        await ScreenshotAsync("es-advertiser-ace-page");

        await Page.GotoAsync("/Notifications");
        var notices = Page.GetByTestId("notifications");
        await Expect(notices).ToContainTextAsync($"Nueva queja {reference}");
        await Expect(notices).ToContainTextAsync("CET");
        // The notices written since Alex chose Spanish (this complaint's); older ones stay in the language they were written in.
        foreach (var notice in await notices.Locator("li", new() { HasText = reference }).AllAsync())
        {
            await AssertNoEnglishAsync("notice", notice);
        }

        await ScreenshotAsync("es-advertiser-notifications");

        // And Lucía's decision email is in Spanish, though Sam decided in English.
        var (subject, body) = await App.ReadEmailAsync(Email, reference);
        var decision = await App.ReadEmailAsync(Email, $"Tu queja {reference} fue confirmada");
        Assert.StartsWith("AdPolicy: ", subject, StringComparison.Ordinal);
        Assert.Contains("confirmada", decision.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("upheld", decision.Body, StringComparison.OrdinalIgnoreCase);
        await Page.SetContentAsync($"<pre>{System.Net.WebUtility.HtmlEncode($"Subject: {decision.Subject}\n\n{decision.Body}")}</pre>");
        await ScreenshotAsync("es-complainant-decision-email");
        Assert.True(PageProblems.Count == 0, string.Join("\n", PageProblems));
    }

    /// <summary>
    /// The page as the reader sees it has no common English word. What people typed (the demo data's complaints, reasons,
    /// ads and names are English) is shown as they wrote it, so it is taken out first.
    /// </summary>
    private async Task AssertNoEnglishAsync(string where, ILocator? part = null)
    {
        var typed = await App.WithDbAsync(async db =>
            (await db.AceComplaints.Select(c => c.Description).ToListAsync())
            .Concat(await db.AceComplaints.Where(c => c.DecisionReason != null).Select(c => c.DecisionReason!).ToListAsync())
            .Concat(await db.AceComplaints.Where(c => c.ComplainantOrganisation != null).Select(c => c.ComplainantOrganisation!).ToListAsync())
            .Concat(await db.Violations.Select(v => v.Reason).ToListAsync())
            .Concat(await db.EnforcementEvents.Where(e => e.Reason != null).Select(e => e.Reason!).ToListAsync())
            .Concat(await db.Ads.Select(a => a.Headline).ToListAsync())
            .Concat(await db.Promotions.Select(p => p.Name).ToListAsync())
            .Concat(await db.AdAccounts.Select(a => a.Name).ToListAsync())
            .Concat(await db.Users.Select(u => u.DisplayName).ToListAsync())
            .Where(t => t.Length > 0).OrderByDescending(t => t.Length).ToList());
        var html = part is null ? await Page.ContentAsync() : $"<html><body>{await part.InnerHTMLAsync()}</body></html>";
        var body = new HtmlParser().ParseDocument(html).Body ?? throw new InvalidOperationException($"{where}: no body");
        foreach (var hidden in body.QuerySelectorAll("script, code, [lang]").ToList())
        {
            hidden.Remove();
        }

        var shown = body.TextContent;
        Assert.True(shown.Trim().Length > 0, $"{where}: nothing shown");
        var text = typed.Aggregate(shown, (shown, written) => shown.Replace(written, " ", StringComparison.Ordinal));
        var leftovers = Regex.Matches(text, @"\p{L}+").Select(m => m.Value.ToLowerInvariant()).Where(TranslatedPagesTests.EnglishWords.Contains).Distinct().ToList();
        Assert.True(leftovers.Count == 0, $"{where}: {string.Join(", ", leftovers)}");
    }
}
