using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Queue;

namespace AdPolicy.Web.Tests.Desk;

/// <summary>Issue 14, points 4 and 5: clocks that mean what they say, and money shown as it is.</summary>
public sealed class ClockAndMoneyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string? DueShownToStaff(PageResult queue, string reference) =>
        queue.Document.QuerySelector($"tr[data-case='{reference}'] [data-testid=due] time")?.GetAttribute("datetime");

    private static string? DueShownToAdvertiser(PageResult page) =>
        page.Document.QuerySelectorAll("tr").FirstOrDefault(tr => tr.TextContent.Contains("Next response from support", StringComparison.Ordinal))
            ?.QuerySelector("time")?.GetAttribute("datetime");

    [Fact]
    public async Task AnAnswerWithSixHoursLeft_ResumesWithSixHours_AndTheQueueAndTheAdvertiserShowTheSameDueTime()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var staffEmail = await app.CreateUserAsync(Roles.Support);
        using var staff = await app.SignedInAsync(staffEmail);
        using var owner = await app.SignedInAsync(advertiser.Email);

        app.Clock.Advance(TimeSpan.FromHours(42));
        await staff.SignInAsync(staffEmail);
        await staff.RequestInformationAsync(app, request);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await staff.SignInAsync(staffEmail);
        await owner.SignInAsync(advertiser.Email);
        var answeredAt = app.Clock.GetUtcNow();
        await owner.PostFormAsync(QueuePage.AdvertiserPage(request), "form[action*='handler=Answer']", new() { ["Message.Text"] = "From the 12th, in-feed only." });

        var expected = answeredAt.AddHours(6).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(answeredAt.AddHours(6), (await app.RefundAsync(request.Id)).ClockDueAt);
        Assert.Equal(expected, DueShownToStaff(await staff.GetAsync(QueuePage.For(advertiser)), request.Reference));
        Assert.Equal(expected, DueShownToAdvertiser(await owner.GetAsync(QueuePage.AdvertiserPage(request))));
        Assert.Contains("6 h 0 min left", (await staff.GetAsync(QueuePage.StaffPage(request))).TestId("time-left"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFollowUpRightAfterFiling_DoesNotMoveTheCaseUpTheQueue()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var waiting = await app.FileRefundAsync(advertiser, promotion);
        var filedAt = app.Clock.GetUtcNow();
        var earlier = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var owner = await app.SignedInAsync(advertiser.Email);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        await owner.PostFormAsync(QueuePage.AdvertiserPage(waiting), "form[action*='handler=FollowUp']", new() { ["Message.Text"] = "Any news?" });

        var queue = await staff.GetAsync(QueuePage.For(advertiser));
        Assert.Equal(filedAt.AddHours(48), (await app.RefundAsync(waiting.Id)).ClockDueAt);
        Assert.Equal(QueuePage.Refs(waiting, earlier), QueuePage.Rows(queue));
        Assert.Contains("1 follow-up", QueuePage.Row(queue, waiting).TextContent, StringComparison.Ordinal);
        Assert.Equal(DueShownToAdvertiser(await owner.GetAsync(QueuePage.AdvertiserPage(waiting))), DueShownToStaff(queue, waiting.Reference));
    }

    [Fact]
    public async Task AfterPaying1500_50Of5000_StillRefundableIs3499_50_AndANewRequestSuggestsTheShortfallLessWhatWasPaid()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        // 5,000.00 spent, 38% of the impressions undelivered: a shortfall of 1,900.00.
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 5000m, promised: 1_000_000, delivered: 620_000);
        var first = await app.FileRefundAsync(advertiser, promotion, amount: 1500.50m);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        using var owner = await app.SignedInAsync(advertiser.Email);

        await staff.PostFormAsync(QueuePage.StaffPage(first), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "1500.50", ["Decision.Reason"] = "Agreed." });
        var approved = await staff.GetAsync(QueuePage.StaffPage(first));
        await staff.PostFormAsync(QueuePage.StaffPage(first), "form[action*='handler=Pay']", []);
        var paid = await staff.GetAsync(QueuePage.StaffPage(first));
        var preCheck = await owner.GetAsync($"/Refunds/New?promotionId={promotion.Id}");

        Assert.Equal("3,499.50 EUR", approved.TestId("refundable"));
        Assert.Equal("3,499.50 EUR", paid.TestId("refundable"));
        Assert.Equal("3,499.50 EUR", preCheck.TestId("refundable"));
        Assert.Equal("399.50 EUR", preCheck.TestId("suggested-refund"));
    }
}
