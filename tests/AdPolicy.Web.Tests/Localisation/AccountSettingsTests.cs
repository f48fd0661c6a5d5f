using System.Net;
using System.Text.RegularExpressions;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>Everyone's own account page (language, time zone) and "forgot password" through the outbox.</summary>
public sealed partial class AccountSettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task APerson_ChoosesTheirTimeZoneAndLanguage_AndEveryPageThenUsesThem()
    {
        var advertiser = await app.CreateAdvertiserAsync(Region.Emea);
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var client = await app.SignedInAsync(advertiser.Email);
        var profile = await client.GetAsync("/Account/Profile");
        Assert.Contains("Default: Europe/Madrid", profile.Document.QuerySelector("select[name='Preferences.TimeZone'] option")!.TextContent, StringComparison.Ordinal);

        var saved = await client.PostFormAsync("/Account/Profile", "form[data-testid=preferences]", new()
        {
            ["Preferences.Language"] = "es",
            ["Preferences.TimeZone"] = "America/Bogota",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == advertiser.Email));
        Assert.Equal(("es", "America/Bogota"), (user.Language, user.TimeZone));
        var page = await client.GetAsync($"/Refunds/Details/{request.Id}");
        var filed = page.Document.QuerySelectorAll("time").First(t => t.GetAttribute("datetime")!.StartsWith(request.FiledAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal("America/Bogota", filed.GetAttribute("title"));
        Assert.EndsWith("UTC-05", filed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZoneOrLanguageNotOnTheList_IsRefusedNextToTheField()
    {
        using var client = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));

        var refused = await client.PostFormAsync("/Account/Profile", "form[data-testid=preferences]", new()
        {
            ["Preferences.Language"] = "fr",
            ["Preferences.TimeZone"] = "Mars/Olympus_Mons",
        });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Choose English or Spanish.", refused.FieldError("Preferences.Language"));
        Assert.Equal("Choose a time zone from the list, like Europe/Madrid.", refused.FieldError("Preferences.TimeZone"));
    }

    [Fact]
    public async Task ForgotPassword_AnswersAlike_ForAKnownAndAnUnknownAddress_AndEmailsOnlyTheKnownOne()
    {
        var known = await app.CreateUserAsync(Roles.Support);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.example";
        using var client = app.CreateAppClient();

        var forKnown = await client.PostFormAsync("/Account/ForgotPassword", "form", new() { ["Input.Email"] = known });
        var forUnknown = await client.PostFormAsync("/Account/ForgotPassword", "form", new() { ["Input.Email"] = unknown });

        Assert.Equal((forKnown.Status, forKnown.Location), (forUnknown.Status, forUnknown.Location));
        Assert.Equal((await client.FollowAsync(forKnown)).TestId("reset-sent"), (await client.FollowAsync(forUnknown)).TestId("reset-sent"));
        Assert.Single(await EmailsToAsync(known));
        Assert.Empty(await EmailsToAsync(unknown));
        Assert.Empty(await app.WithDbAsync(db => db.Notifications.Where(n => n.Body.Contains("ResetPassword")).ToListAsync())); // never kept in the app's notices
    }

    [Fact]
    public async Task TheResetLink_SetsANewPasswordOnce_AndEndsEverySession()
    {
        var email = await app.CreateUserAsync(Roles.Support);
        using var other = await app.SignedInAsync(email);
        using var client = app.CreateAppClient();
        await client.PostFormAsync("/Account/ForgotPassword", "form", new() { ["Input.Email"] = email });
        var link = ResetLink().Match((await EmailsToAsync(email)).Single().Body).Value;
        var path = new Uri(link).PathAndQuery;

        var reset = await client.PostFormAsync(path, "form", new() { ["Input.Password"] = "A-new-pass-2026", ["Input.Confirm"] = "A-new-pass-2026" });

        Assert.Equal(HttpStatusCode.Redirect, reset.Status);
        Assert.Contains("/Account/Login", reset.Location, StringComparison.Ordinal);
        Assert.Contains("/Account/Login", (await other.GetAsync("/Staff/Queue")).Location, StringComparison.Ordinal); // the old session ended
        await client.SignInAsync(email, "A-new-pass-2026");
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.CreateAppClient().SignInAsync(email));

        using var again = app.CreateAppClient();
        var reused = await again.PostFormAsync(path, "form", new() { ["Input.Password"] = "Another-pass-2026", ["Input.Confirm"] = "Another-pass-2026" });
        Assert.Equal(HttpStatusCode.OK, reused.Status);
        Assert.Contains(ResetPasswordModel.LinkNotValid, reused.Summary, StringComparison.Ordinal);
        await again.SignInAsync(email, "A-new-pass-2026");
    }

    [Fact]
    public async Task TheSignInPage_LinksToForgotPassword()
    {
        using var client = app.CreateAppClient();
        var login = await client.GetAsync("/Account/Login");
        Assert.NotNull(login.Document.QuerySelector("a[href='/Account/ForgotPassword']"));
    }

    private Task<List<AdPolicy.Web.Notifications.OutboxMessage>> EmailsToAsync(string address) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address).ToListAsync());

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();
}
