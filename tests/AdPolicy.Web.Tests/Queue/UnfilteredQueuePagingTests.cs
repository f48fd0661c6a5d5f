using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Queue;

/// <summary>
/// The queue as it opens (nothing filtered, soonest due first) and its next pages, which are compiled queries of their
/// own: followed page by page, every open case shows once, in due order.
/// </summary>
public sealed class UnfilteredQueuePagingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task NextPage_FromTheUnfilteredQueue_ShowsEveryCaseOnce_SoonestDueFirst()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        var filed = await QueuePage.FileSixtyInRunsOfTwentyAsync(app, advertiser, promotion);

        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var shown = new List<string>();
        var page = await staff.GetAsync("/Staff/Queue");
        for (var pages = 1; ; pages++)
        {
            shown.AddRange(QueuePage.Rows(page));
            var next = QueuePage.NextLink(page);
            if (next is null || pages > 100)
            {
                break;
            }

            Assert.DoesNotContain("Filter.Organisation", next.GetAttribute("href")!, StringComparison.Ordinal);
            page = await staff.GetAsync(next.GetAttribute("href")!);
        }

        Assert.Equal(shown.Count, shown.Distinct().Count());
        var ours = shown.Where(r => filed.Exists(f => f.Reference == r)).ToList();
        Assert.Equal(filed.Select(f => f.Reference), ours); // due in filing order; equal clocks by case number
    }
}
