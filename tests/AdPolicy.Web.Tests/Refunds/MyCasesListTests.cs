using System.Net;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Refunds;

/// <summary>"My cases": the open, closed and all tabs, newest first, 20 a page, and "Older cases" reaching the rest.</summary>
public sealed class MyCasesListTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task EachTab_ListsItsCases_NewestFirst_AndOlderCasesReachesTheRest_WithNoOtherOrganisationsCase()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var references = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            // Two requests share each moment, so the order falls back on the case number.
            if (i % 2 == 0)
            {
                app.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            references.Add((await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account), ignoreCommitted: true)).Reference);
        }

        var closed = references.Where((_, i) => i % 8 == 3).ToList(); // 3 of them
        var closedNumbers = closed.Select(r => long.Parse(r["RF-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await app.WithDbAsync(db => db.RefundRequests.Where(r => closedNumbers.Contains(r.Number))
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, RefundStatus.Withdrawn), TestContext.Current.CancellationToken));
        var stranger = await app.CreateAdvertiserAsync();
        await app.FileRefundAsync(stranger, await app.CreatePromotionAsync(stranger.Account), ignoreCommitted: true);
        var newestFirst = Enumerable.Reverse(references).ToList();
        var open = newestFirst.Except(closed).ToList();
        using var client = await app.SignedInAsync(advertiser.Email);

        var first = await client.GetAsync("/Refunds");
        var older = await client.GetAsync("/Refunds" + OlderLink(first));
        var closedTab = await client.GetAsync("/Refunds?show=closed");
        var all = await client.GetAsync("/Refunds?show=all");
        var allOlder = await client.GetAsync("/Refunds" + OlderLink(all));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(open.Take(20), Rows(first));
        Assert.Equal(open.Skip(20), Rows(older));
        Assert.Null(older.Document.QuerySelector("a.btn-outline-secondary"));
        Assert.Equal(newestFirst.Intersect(closed), Rows(closedTab));
        Assert.Equal(newestFirst.Take(20), Rows(all));
        Assert.Equal(newestFirst.Skip(20), Rows(allOlder));
    }

    private static List<string> Rows(PageResult page) =>
        page.Document.QuerySelectorAll("tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();

    private static string OlderLink(PageResult page) =>
        page.Document.QuerySelector("a.btn-outline-secondary")?.GetAttribute("href") ?? throw new InvalidOperationException("No \"Older cases\" link.");
}
