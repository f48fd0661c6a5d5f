using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// The demo admin opens an admin page, is sent to set up two-factor sign-in, scans (here: reads) the key, turns it on
/// and sees the recovery codes; signs out; signs in again with the password and a code from the app; the admin pages open.
/// </summary>
public sealed class TwoFactorJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>
{
    private const string Admin = "admin@adpolicy.example";

    [Fact]
    public async Task AnAdminEnrolsTwoFactor_SignsOut_AndSignsInWithACodeFromTheApp()
    {
        await SignInAsync(Admin);
        await Page.GotoAsync("/Admin/Users");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Profile#two-factor$"));
        await Expect(Page.GetByTestId("problem")).ToContainTextAsync("Admins sign in with a second factor");
        Assert.True(await Page.GetByTestId("qr-code").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR code did not load");
        await ScreenshotAsync("sent-to-enrol");

        var key = await Page.GetByTestId("authenticator-key").TextContentAsync() ?? string.Empty;
        await Page.GetByLabel("Code from the app").FillAsync("000000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Code'], .field-validation-error")).ToContainTextAsync("That code is not right");
        await Page.GetByLabel("Code from the app").FillAsync(Totp.Code(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(Page.GetByTestId("two-factor-status")).ToContainTextAsync("On:");
        await Expect(Page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await ScreenshotAsync("enrolled-with-recovery-codes");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));

        await Page.GetByLabel("Email").FillAsync(Admin);
        await Page.GetByLabel("Password").FillAsync(AdPolicy.Web.Data.DemoData.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await ScreenshotAsync("asked-for-a-code");
        await Page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(Page.GetByTestId("signed-in-as")).ToBeVisibleAsync();

        await Page.GotoAsync("/Admin/Users");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Users and roles" })).ToBeVisibleAsync();
        await ScreenshotAsync("admin-page-open");
        Assert.Empty(PageProblems);
    }
}
