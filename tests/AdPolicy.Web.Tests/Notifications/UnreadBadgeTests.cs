using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Tests.Notifications;

/// <summary>
/// The header's unread count is kept in each instance's memory for a few seconds (issue 17), and is still what a person
/// expects: what happens on this instance shows on the next page, what another instance writes shows within the window,
/// and the notification centre always agrees with its own list.
/// </summary>
public sealed class UnreadBadgeTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    [Fact]
    public async Task ANoticeAddedOnThisInstance_ShowsOnTheNextPage_AndMarkingAllRead_ClearsItOnTheNextPage()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);
        using var client = await app.SignedInAsync(advertiser.Email);
        Assert.Null(await BadgeAsync(client, "/Refunds")); // none, and this instance keeps that

        await NotifyHereAsync(userId);

        Assert.Equal("1", await BadgeAsync(client, "/Refunds"));
        await client.PostFormAsync("/Notifications", "[data-testid=mark-all-read]", []);
        Assert.Null(await BadgeAsync(client, "/Refunds"));
    }

    [Fact]
    public async Task ANoticeWrittenOnAnotherInstance_ShowsInTheCentreAtOnce_AndOnOtherPagesOnceTheWindowHasPassed()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);
        using var client = await app.SignedInAsync(advertiser.Email);
        Assert.Null(await BadgeAsync(client, "/Refunds"));

        // Another instance adds a notice: this one is not told.
        await InsertElsewhereAsync(userId, "Question on your case");
        Assert.Null(await BadgeAsync(client, "/Refunds"));
        var centre = await client.GetAsync("/Notifications");
        Assert.Equal("1", centre.Document.QuerySelector("[data-testid=unread-count]")?.TextContent);
        Assert.Contains("Question on your case", centre.Document.QuerySelector("[data-testid=notifications]")?.TextContent);

        await InsertElsewhereAsync(userId, "Refund approved");
        Assert.Equal("1", await BadgeAsync(client, "/Refunds"));
        var window = app.Services.GetRequiredService<IOptions<UnreadBadgeOptions>>().Value.CacheSeconds;
        Assert.InRange(window, 1, 60);
        app.Clock.Advance(TimeSpan.FromSeconds(window + 1));
        Assert.Equal("2", await BadgeAsync(client, "/Refunds"));
    }

    [Fact]
    public async Task ANoticeForSomeoneElse_LeavesMyCopyAlone()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);
        var other = await app.UserIdAsync((await app.CreateAdvertiserAsync()).Email);
        for (var i = 0; i < 5 && InstanceCopies.Stripe(other) == InstanceCopies.Stripe(userId); i++)
        {
            other = await app.UserIdAsync((await app.CreateAdvertiserAsync()).Email); // ids under different numbers
        }

        Assert.NotEqual(InstanceCopies.Stripe(userId), InstanceCopies.Stripe(other));
        using var client = await app.SignedInAsync(advertiser.Email);
        Assert.Null(await BadgeAsync(client, "/Refunds"));
        await InsertElsewhereAsync(userId, "Question on your case");

        // A notice for someone else, on this instance, does not make this person's count be read again.
        await NotifyHereAsync(other);

        Assert.Null(await BadgeAsync(client, "/Refunds"));
        await NotifyHereAsync(userId);
        Assert.Equal("2", await BadgeAsync(client, "/Refunds"));
    }

    [Fact]
    public async Task APageReadWhileTheNoticesTransactionIsOpen_DoesNotKeepTheOldCount_PastTheCommit()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);
        using var client = await app.SignedInAsync(advertiser.Email);

        // Saved but not committed: a page now reads no notice, and keeps that under the generation the save bumped.
        await NoticeInTransactionAsync(userId, commit: true, meanwhile: async () => Assert.Null(await BadgeAsync(client, "/Refunds")));

        Assert.Equal("1", await BadgeAsync(client, "/Refunds"));
    }

    [Fact]
    public async Task ANoticeRolledBack_NeverShows()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);
        using var client = await app.SignedInAsync(advertiser.Email);

        await NoticeInTransactionAsync(userId, commit: false);

        Assert.Null(await BadgeAsync(client, "/Refunds"));
        Assert.Null(await BadgeAsync(client, "/Notifications"));
    }

    /// <summary>A notice for <paramref name="userId"/> saved inside a transaction; <paramref name="meanwhile"/> runs before it commits or rolls back.</summary>
    private async Task NoticeInTransactionAsync(Guid userId, bool commit, Func<Task>? meanwhile = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Notifier>().NotifyAsync(userId, Approved, null, email: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (meanwhile is not null)
        {
            await meanwhile();
        }

        await (commit ? transaction.CommitAsync(cancellationToken) : transaction.RollbackAsync(cancellationToken));
    }

    private Task NotifyHereAsync(Guid userId) => app.NotifyAndSaveAsync(n => n.NotifyAsync(userId, Approved, null, email: false));

    private static (string Title, string Body) Approved() => ("Refund approved", "Your refund was approved.");

    /// <summary>The header's unread count on <paramref name="path"/>, or null when it shows none.</summary>
    private static async Task<string?> BadgeAsync(AppClient client, string path) =>
        (await client.GetAsync(path)).Document.QuerySelector("[data-testid=unread-count]")?.TextContent;

    private Task InsertElsewhereAsync(Guid userId, string title) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO notifications (id, user_id, title, body, link, created_at) VALUES ({Guid.NewGuid()}, {userId}, {title}, {"Written by another instance."}, NULL, {app.Clock.GetUtcNow()})",
            TestContext.Current.CancellationToken));
}
