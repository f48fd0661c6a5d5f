using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// The pages work under the Content-Security-Policy in a real browser: the scripts moved out of the pages (local times,
/// countdowns, confirmations, one-click buttons) run, and the browser reports no violation. Every other journey also
/// fails on a CSP violation (<see cref="BrowserTest{TApp}.PageProblems"/>).
/// </summary>
public sealed class ContentSecurityPolicyJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task AnAdminDisablesAUser_AfterTheConfirmationFromTheScriptFile_WithNoCspViolation()
    {
        await SignInAsync("admin@adpolicy.example");
        await EnrolTwoFactorAsync("admin@adpolicy.example");
        await Page.GotoAsync("/Admin/Users");
        var row = Page.Locator("tr[data-user='support2@adpolicy.example']");
        string? asked = null;
        var accept = false;
        Page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };

        // Cancelled: nothing changes.
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable sign-in" }).ClickAsync();
        Assert.Equal("Disable sign-in for this user? Their sessions end now.", asked);
        await Expect(row).ToContainTextAsync("enabled");

        accept = true;
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable sign-in" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Enable sign-in" })).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("disabled");

        await ScreenshotAsync("users-under-csp");
        await Page.GotoAsync("/Staff/Deadlines");
        await Expect(Page.Locator("time[datetime]").First).Not.ToHaveAttributeAsync("title", string.Empty);
        Assert.Empty(PageProblems);
    }

    [Fact]
    public async Task TheQueuesCountdowns_TakeTheirWordsFromTheTable_WhenTheScriptTicks()
    {
        await Page.Clock.InstallAsync();
        await SignInAsync("support@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        var countdown = Page.Locator("table[data-testid=queue] [data-countdown]").First;
        await Expect(countdown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("( left|^overdue by )"));

        // The rows carry only their due time (issue 17: the words were repeated on each of 50 rows); the table holds the
        // sentences in the reader's language and the server's clock, and the next tick words each row from them.
        Assert.Null(await countdown.GetAttributeAsync("data-left"));
        await Page.EvaluateAsync("() => { const t = document.querySelector('table[data-testid=queue]'); t.setAttribute('data-left', 'L:{0}'); t.setAttribute('data-overdue', 'O:{0}'); }");
        await Page.Clock.RunForAsync(31_000);

        await Expect(countdown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[LO]:[0-9]+ (d|h|min)"));
        Assert.Empty(PageProblems);
    }

    [Fact]
    public async Task AnInlineScript_IsBlockedAndReported_SoAJourneyWithOneWouldFail()
    {
        await Page.GotoAsync("/Public/Guidance");

        await Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'document.title = \"inline ran\"'; document.body.append(s); }");

        await Expect(Page).Not.ToHaveTitleAsync("inline ran");
        for (var i = 0; i < 50 && PageProblems.Count == 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Contains(PageProblems, p => p.StartsWith("CSP violation", StringComparison.Ordinal));
    }
}
