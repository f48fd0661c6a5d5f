using System.Net;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Tests.Security;

/// <summary>
/// Sessions live on the server: signing out, signing out everywhere and an admin disabling the account end them at
/// once, whatever the browser kept. A disabled person is told so, receives nothing and is given no cases.
/// </summary>
public sealed class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ADisabledUser_IsSignedOutAtTheirNextRequest_NotHalfAnHourLater()
    {
        var agentEmail = await app.CreateUserAsync(Roles.Support);
        using var agent = await app.SignedInAsync(agentEmail);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/Staff/Queue")).Status);
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var disabled = await admin.PostFormAsync("/Admin/Users", $"tr[data-user='{agentEmail}'] form", []);

        Assert.Equal(HttpStatusCode.Redirect, disabled.Status);
        var next = await agent.GetAsync("/Staff/Queue");
        Assert.StartsWith("http://localhost/Account/Login", next.Location);
        var agentId = await app.UserIdAsync(agentEmail);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuthSessions.CountAsync(s => s.UserId == agentId)));
    }

    [Fact]
    public async Task ADisabledUser_IsToldTheAccountIsDisabled_OnlyWithTheRightPassword()
    {
        var agentEmail = await app.CreateUserAsync(Roles.Support);
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));
        await admin.PostFormAsync("/Admin/Users", $"tr[data-user='{agentEmail}'] form", []);

        using var client = app.CreateAppClient();
        var right = await client.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = agentEmail, ["Input.Password"] = AppClient.Password });
        var wrong = await client.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = agentEmail, ["Input.Password"] = "Not-the-password-1" });

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Equal("This account is disabled. Ask an administrator if you need it again.", right.Summary);
        Assert.DoesNotContain("locked", right.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("The email or password is not right.", wrong.Summary);
    }

    [Fact]
    public async Task ADisabledUser_ReceivesNoNotificationsOrEmails_AndCannotBeAssigned()
    {
        var agentEmail = await app.CreateUserAsync(Roles.Support, name: "Disabled Dana");
        var agentId = await app.UserIdAsync(agentEmail);
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));
        await admin.PostFormAsync("/Admin/Users", $"tr[data-user='{agentEmail}'] form", []);

        await using (var scope = app.Scope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            await notifier.NotifyAsync(agentId, () => ("A case for you", "Body"), null, email: true, TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == agentId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == agentEmail)));
        var staff = await app.WithDbAsync(db => StaffDirectory.ListAsync(db, Roles.Support));
        Assert.DoesNotContain(staff, s => s.Id == agentId);
    }

    [Fact]
    public async Task ASessionEndedOnAnotherInstance_IsRefusedHere_OnceTheCacheWindowHasPassed()
    {
        var agentEmail = await app.CreateUserAsync(Roles.Support);
        var agentId = await app.UserIdAsync(agentEmail);
        using var agent = await app.SignedInAsync(agentEmail);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/Staff/Queue")).Status); // read once, so this instance keeps it

        // Another instance deletes the row: this one is not told, and may serve its copy for the cache window only.
        await app.WithDbAsync(db => db.AuthSessions.Where(s => s.UserId == agentId).ExecuteDeleteAsync(TestContext.Current.CancellationToken));
        var window = app.Services.GetRequiredService<IOptions<SessionCacheOptions>>().Value.CacheSeconds;
        app.Clock.Advance(TimeSpan.FromSeconds(window + 1));

        var next = await agent.GetAsync("/Staff/Queue");
        Assert.StartsWith("http://localhost/Account/Login", next.Location);
    }

    [Fact]
    public async Task AStampChangedBehindTheAppsBack_SignsTheSessionOut_OnceTheCheckIsDue_NotBefore()
    {
        var agentEmail = await app.CreateUserAsync(Roles.Support);
        var agentId = await app.UserIdAsync(agentEmail);
        using var agent = await app.SignedInAsync(agentEmail);

        // A password reset done in the database by an operator: only the stamp check can notice it.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == agentId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString("N")), TestContext.Current.CancellationToken));
        var interval = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>>().Value.ValidationInterval;
        app.Clock.Advance(interval - TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/Staff/Queue")).Status);

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var next = await agent.GetAsync("/Staff/Queue");
        Assert.StartsWith("http://localhost/Account/Login", next.Location);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession_ACopiedCookieNoLongerWorks()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var cookies = new CookieContainer();
        using var browser = app.CreateAppClient(cookies);
        await browser.SignInAsync(advertiser.Email);
        var saved = cookies.GetCookieHeader(new Uri("http://localhost/"));

        var signedOut = await browser.PostFormAsync("/Promotions", "form[action='/Account/Logout']", []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        using var thief = app.CreateAppClient(new CookieContainer());
        thief.Http.DefaultRequestHeaders.Add("Cookie", saved);
        var replayed = await thief.GetAsync("/Promotions");
        Assert.StartsWith("http://localhost/Account/Login", replayed.Location);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySessionOfThatPerson_AndNoOneElses()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var other = await app.CreateAdvertiserAsync();
        using var laptop = await app.SignedInAsync(advertiser.Email);
        using var phone = await app.SignedInAsync(advertiser.Email);
        using var someoneElse = await app.SignedInAsync(other.Email);

        var done = await phone.PostFormAsync("/Account/Profile", "form[data-testid=sign-out-everywhere]", []);

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.StartsWith("http://localhost/Account/Login", (await laptop.GetAsync("/Promotions")).Location);
        Assert.StartsWith("http://localhost/Account/Login", (await phone.GetAsync("/Promotions")).Location);
        Assert.Equal(HttpStatusCode.OK, (await someoneElse.GetAsync("/Promotions")).Status);
    }
}
