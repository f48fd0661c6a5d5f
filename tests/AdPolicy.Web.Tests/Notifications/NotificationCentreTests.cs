using System.Net;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Notifications;

/// <summary>A person sees what happened in their notification centre and in the header, and marks it read.</summary>
public sealed class NotificationCentreTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private const int PageSize = Web.Notifications.IndexModel.PageSize;

    [Fact]
    public async Task Notify_ThenSave_ShowsTheNotificationInTheCentre_AndTheUnreadCountInTheHeader()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);
        await app.NotifyAndSaveAsync(async n =>
        {
            await n.NotifyAsync(userId, () => ("More information requested", "Support needs the delivery report for CMP-1."), "/Refunds", email: false);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await n.NotifyAsync(userId, () => ("Refund approved", "Your refund of 400.00 EUR was approved."), null, email: false);
        });
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.GetAsync("/Notifications");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("2", page.TestId("unread-count"));
        var items = page.Document.QuerySelectorAll("[data-testid=notifications] li").ToList();
        Assert.Equal(["Refund approved", "More information requested"], Titles(page));
        Assert.All(items, i => Assert.Equal("true", i.GetAttribute("data-unread")));
        Assert.Equal("/Refunds", items[1].QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("2", (await client.GetAsync("/Refunds")).TestId("unread-count"));
    }

    [Fact]
    public async Task Notify_WithoutSave_LeavesNoNotificationAndNoEmail()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);

        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<Notifier>().NotifyAsync(userId, () => ("Decision", "Approved."), null, email: true, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == advertiser.Email)));
    }

    [Fact]
    public async Task Notify_WithEmail_AddsOneOutboxMessageToTheUsersAddress_InTheSameSave()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);

        await app.NotifyAndSaveAsync(n => n.NotifyAsync(userId, () => ("Refund paid", "400.00 EUR was credited to Main account."), "/Refunds", email: true));

        var message = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == advertiser.Email));
        Assert.Equal("AdPolicy: Refund paid", message.Subject);
        Assert.Contains("400.00 EUR was credited", message.Body);
        Assert.Contains("http://localhost:5080/Refunds", message.Body);
        Assert.Null(message.SentAt);
        Assert.Equal(app.Clock.GetUtcNow(), message.NextAttemptAt);
    }

    [Fact]
    public async Task NotifyOrganisation_ReachesEveryMemberOfThatOrganisation_AndNobodyElse()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var colleague = await app.CreateUserAsync(Roles.Advertiser, advertiser.Organisation.Id);
        var outsider = await app.CreateAdvertiserAsync();
        var staff = await app.CreateUserAsync(Roles.Support);

        var notified = 0;
        await app.NotifyAndSaveAsync(async n => notified = await n.NotifyOrganisationAsync(advertiser.Organisation.Id, () => ("Suspension warning", "A high violation was recorded."), "/Refunds", email: true));

        Assert.Equal(2, notified);
        var addresses = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Subject == "AdPolicy: Suspension warning").Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(new[] { advertiser.Email, colleague }.Order(), addresses.Order());
        foreach (var email in new[] { outsider.Email, staff })
        {
            var id = await app.UserIdAsync(email);
            Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(x => x.UserId == id)));
        }
    }

    [Fact]
    public async Task MarkRead_LowersTheCount_AndMarkAllRead_ClearsIt()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);
        await app.NotifyAndSaveAsync(async n =>
        {
            for (var i = 1; i <= 3; i++)
            {
                await n.NotifyAsync(userId, () => ($"Notice {i}", "Something happened."), null, email: false);
            }
        });
        var first = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.Id).FirstAsync());
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.PostFormAsync("/Notifications", $"form[action*='{first.Id}']", []);

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var page = await client.FollowAsync(result);
        Assert.Contains($"Marked “{first.Title}” as read.", page.Document.QuerySelector("[role=status]")?.TextContent);
        Assert.Equal("2", page.TestId("unread-count"));
        Assert.Equal("false", page.Document.QuerySelector($"[data-testid='notification-{first.Id}']")?.GetAttribute("data-unread"));

        var all = await client.FollowAsync(await client.PostFormAsync("/Notifications", "[data-testid=mark-all-read]", []));

        Assert.Contains("Marked 2 notifications as read.", all.Document.QuerySelector("[role=status]")?.TextContent);
        Assert.Null(all.Document.QuerySelector("[data-testid=unread-count]"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null)));
    }

    [Fact]
    public async Task AnotherUser_CannotMarkSomeoneElsesNotification_AndGetsNotFound()
    {
        var owner = await app.CreateAdvertiserAsync();
        var ownerId = await app.UserIdAsync(owner.Email);
        await app.NotifyAndSaveAsync(n => n.NotifyAsync(ownerId, () => ("Decision", "Denied."), null, email: false));
        var notification = await app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.UserId == ownerId));
        var other = await app.CreateAdvertiserAsync();
        using var otherClient = await app.SignedInAsync(other.Email);
        var token = (await otherClient.GetAsync("/Notifications")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var result = await otherClient.PostAsync($"/Notifications?handler=MarkRead&id={notification.Id}", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Null((await app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Id == notification.Id))).ReadAt);
        var otherPage = await otherClient.GetAsync("/Notifications");
        Assert.DoesNotContain("Decision", otherPage.Text);
        Assert.NotNull(otherPage.Document.QuerySelector("[data-testid=no-notifications]"));
    }

    [Fact]
    public async Task ManyNotifications_ArePagedNewestFirst_AndTheBadgeStopsAt99Plus()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);
        await app.NotifyAndSaveAsync(async n =>
        {
            for (var i = 1; i <= 120; i++)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(1));
                await n.NotifyAsync(userId, () => ($"Notice {i:000}", "Something happened."), null, email: false);
            }
        });
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.GetAsync("/Notifications");

        Assert.Equal("99+", page.TestId("unread-count"));
        var titles = Titles(page);
        Assert.Equal(PageSize, titles.Count);
        Assert.Equal("Notice 120", titles[0]);
        var older = await client.GetAsync(page.Document.QuerySelector("a.btn[href*=beforeAt]")!.GetAttribute("href")!.Replace("?", "/Notifications?", StringComparison.Ordinal));
        Assert.Equal($"Notice {120 - PageSize:000}", Titles(older)[0]);
    }

    [Fact]
    public async Task TheCentre_RequiresSignIn()
    {
        using var anonymous = app.CreateAppClient();

        var result = await anonymous.GetAsync("/Notifications");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Contains("/Account/Login", result.Location);
    }

    private static List<string> Titles(PageResult page) =>
        page.Document.QuerySelectorAll("[data-testid=notifications] li .notification-title").Select(t => t.TextContent.Trim()).ToList();
}
