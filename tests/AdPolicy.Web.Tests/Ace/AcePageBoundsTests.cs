using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using AcePage = AdPolicy.Web.Accounts.IndexModel;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>
/// Issue 17: the ACE page reads and shows a bounded amount whatever the record's size: a page of history with links to
/// older entries, the sanctions in force and the newest ended ones with a link to all, the policy as staff last saved
/// it, and a correction that names its ads by id instead of a checkbox for every ad.
/// </summary>
public sealed class AcePageBoundsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHistoryLongerThanAPage_ShowsTheNewestFirst_AndOlderLinksReachEveryEntryOnce()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var staff = await app.StaffAsync();
        const int entries = AcePage.HistoryPageSize * 2 + 5;
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < entries; i++)
            {
                db.EnforcementEvents.Add(EnforcementEvent.Record(
                    advertiser.Account.Id, advertiser.Organisation.Id, EnforcementEventKind.ViolationRecorded, staff, now.AddMinutes(-i),
                    [Fact.Of(FactKind.NothingElse)], reason: $"Entry {i:00}."));
            }

            return await db.SaveChangesAsync(Cancel);
        });
        using var owner = await app.SignedInAsync(advertiser.Email);

        var seen = new List<string>();
        string? url = "/Ace";
        var pages = 0;
        while (url is not null)
        {
            var page = await owner.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var shown = page.Document.QuerySelectorAll($"section[data-account='{advertiser.Account.Id}'] [data-testid=history] li")
                .Select(li => System.Text.RegularExpressions.Regex.Match(li.TextContent, @"Entry \d\d").Value).ToList();
            Assert.InRange(shown.Count, 1, AcePage.HistoryPageSize);
            seen.AddRange(shown);
            url = page.Document.QuerySelector("[data-testid=older-history]")?.GetAttribute("href");
            Assert.True(++pages <= 3, "More pages than the history needs.");
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, entries).Select(i => $"Entry {i:00}"), seen);
    }

    [Fact]
    public async Task ManyEndedSanctions_ShowThoseInForceAndTheNewestEnded_AndTheLinkShowsAll()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var now = app.Clock.GetUtcNow();
        const int ended = AcePage.EndedSanctionsShown + 6;

        // Missed correction deadlines, each with its sanction: the oldest ones lifted a day later, the newest still in force.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            WITH missed AS (
                INSERT INTO ace_deadlines (id, kind, ad_account_id, organisation_id, starts_at, due_at, ended_at, state)
                SELECT gen_random_uuid(), 'CorrectSimilarContent', {advertiser.Account.Id}, {advertiser.Organisation.Id},
                       {now} - make_interval(days => 100 - g * 3) - interval '2 days', {now} - make_interval(days => 100 - g * 3),
                       {now} - make_interval(days => 100 - g * 3), 'Missed'
                FROM generate_series(0, {ended}) g
                RETURNING id, due_at)
            INSERT INTO ace_deadline_sanctions (deadline_id, kind, sanction, imposed_at, lifted_at, lift_reason)
            SELECT id, 'CorrectSimilarContent', 'BlockNewAccounts', due_at,
                   CASE WHEN due_at < (SELECT max(due_at) FROM missed) THEN due_at + interval '1 day' END,
                   CASE WHEN due_at < (SELECT max(due_at) FROM missed) THEN 'Corrected a day late.' END
            FROM missed
            """, Cancel));
        using var owner = await app.SignedInAsync(advertiser.Email);

        var page = await owner.GetAsync("/Ace");

        var items = page.Document.QuerySelectorAll($"section[data-account='{advertiser.Account.Id}'] [data-testid=sanctions] li").ToList();
        Assert.Equal(AcePage.EndedSanctionsShown + 1, items.Count);
        Assert.Single(items, li => li.TextContent.Contains("in force", StringComparison.Ordinal));
        Assert.Equal(AcePage.EndedSanctionsShown, items.Count(li => li.TextContent.Contains("ended", StringComparison.Ordinal)));
        var all = page.Document.QuerySelector("[data-testid=all-sanctions]")?.GetAttribute("href");
        Assert.NotNull(all);
        Assert.Contains($"{ended + 1} sanctions", page.TestId("sanctions-paging"), StringComparison.Ordinal);

        var everything = await owner.GetAsync(all);

        Assert.Equal(ended + 1, everything.Document.QuerySelectorAll($"section[data-account='{advertiser.Account.Id}'] [data-testid=sanctions] li").Length);
        Assert.Null(everything.Document.QuerySelector("[data-testid=all-sanctions]"));
    }

    [Fact]
    public async Task APolicyChangeByStaff_ShowsOnTheAdvertisersNextView()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var owner = await app.SignedInAsync(advertiser.Email);
        var current = await app.WithDbAsync(db => db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).Select(v => v.Settings).FirstOrDefaultAsync(Cancel))
            ?? Domain.Policy.PolicySettings.Defaults;
        var days = current.FirstHighViolationSuspensionDays + 4;
        Assert.DoesNotContain($"suspends the ad account for {days} days", (await owner.GetAsync("/Ace")).Text, StringComparison.Ordinal);

        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin, name: "Ada Admin"));
        var values = Web.Complaints.PolicyFields.All.ToDictionary(f => $"Values[{f.Name}]", f => f.ValueIn(current));
        values["Values[FirstHighViolationSuspensionDays]"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values["Note"] = "Longer suspension for a first high-risk violation";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Policy", "form[data-testid=policy-form]", values)).Status);

        Assert.Contains($"suspends the ad account for {days} days", (await owner.GetAsync("/Ace")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorrection_NamesItsAdsById_AnUnknownIdIsRefusedNextToTheField_AndKnownOnesAreRecorded()
    {
        var filed = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        await app.UpholdAsync(filed.ComplaintId);
        var other = await app.CreatePromotionAsync(filed.Advertiser.Account, status: PromotionStatus.Active);
        using var owner = await app.SignedInAsync(filed.Advertiser.Email);
        var page = await owner.GetAsync("/Ace");
        Assert.Empty(page.Document.QuerySelectorAll("input[type=checkbox][name^='Correction.']"));
        var form = "form[action*='handler=Corrected']";
        Assert.NotNull(page.Document.QuerySelector($"{form} input[name='Correction.Ads']"));

        var refused = await owner.PostFormAsync("/Ace", form, new() { ["Correction.Ads"] = $"{other.Ads[0].ExternalAdId}, AD-NOT-OURS", ["Correction.Note"] = "Reworded the claims." });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("AD-NOT-OURS", refused.FieldError("Correction.Ads"), StringComparison.Ordinal);
        var deadline = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().SingleAsync(d => d.ComplaintId == filed.ComplaintId && d.Kind == DeadlineKind.CorrectSimilarContent, Cancel));
        Assert.Equal(DeadlineState.Pending, deadline.State);

        var met = await owner.PostFormAsync("/Ace", form, new() { ["Correction.Ads"] = $"{other.Ads[0].ExternalAdId}, {filed.Promotion.Ads[0].ExternalAdId}", ["Correction.Note"] = "Reworded the claims." });

        Assert.Equal(HttpStatusCode.Redirect, met.Status);
        deadline = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == deadline.Id, Cancel));
        Assert.Equal(DeadlineState.Met, deadline.State);
        var ads = deadline.Outcome!.Single()[EventValue.Ads] ?? string.Empty;
        Assert.Contains(other.Ads[0].ExternalAdId, ads, StringComparison.Ordinal);
        Assert.Contains(filed.Promotion.Ads[0].ExternalAdId, ads, StringComparison.Ordinal);
    }
    [Fact]
    public async Task EachOpenComplaint_LinksToItsCooperationForm_WhichShowsAlone_AndSends()
    {
        var open = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        var other = await app.FileComplaintAsync(ComplaintType.UserComplaint, open.Advertiser);
        var withdrawn = await app.FileComplaintAsync(ComplaintType.UserComplaint, open.Advertiser);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ace_complaints SET status = 'Withdrawn' WHERE id = {withdrawn.ComplaintId}", Cancel));
        using var owner = await app.SignedInAsync(open.Advertiser.Email);
        var cooperationForms = "form[action*='handler=Cooperate']";

        var page = await owner.GetAsync("/Ace");

        Assert.Empty(page.Document.QuerySelectorAll(cooperationForms));
        var links = page.Document.QuerySelectorAll("[data-testid=write-to-complainant]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);
        Assert.DoesNotContain(links, l => l.Contains(withdrawn.ComplaintId.ToString(), StringComparison.Ordinal));
        var link = Assert.Single(links, l => l.Contains(open.ComplaintId.ToString(), StringComparison.Ordinal));

        var writing = await owner.GetAsync("/Ace" + link);

        var form = Assert.Single(writing.Document.QuerySelectorAll(cooperationForms));
        Assert.Contains(open.ComplaintId.ToString(), form.GetAttribute("action"), StringComparison.Ordinal);
        Assert.NotNull(form.Closest("details")!.GetAttribute("open"));
        Assert.Contains(other.ComplaintId.ToString(), Assert.Single(writing.Document.QuerySelectorAll("[data-testid=write-to-complainant]")).GetAttribute("href"), StringComparison.Ordinal);

        var sent = await owner.PostFormAsync("/Ace" + link, cooperationForms, new() { ["Message.Text"] = "We refunded the order today." });

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var conversation = (await owner.GetAsync("/Ace")).Document.QuerySelector($"#complaint-{open.ComplaintId} [data-testid=advertiser-message]");
        Assert.Equal("We refunded the order today.", conversation?.TextContent);
    }
    [Fact]
    public async Task ThePromotionsPage_ShowsEachRowsOwnDelivery_WhenRowsShareTheirState()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var second = new Domain.Accounts.AdAccount(Guid.NewGuid(), advertiser.Organisation.Id, "Second account", advertiser.Account.Region, advertiser.Account.Currency);
        await app.WithDbAsync(async db =>
        {
            db.AdAccounts.Add(second);
            return await db.SaveChangesAsync(Cancel);
        });
        var running = app.Clock.GetUtcNow().AddDays(-5);
        var active = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active, startsAt: running);
        var paused = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Paused, startsAt: running);
        var activeToo = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active, startsAt: running);
        var removed = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active, startsAt: running, removedForPolicy: true);
        var filed = await app.FileComplaintAsync(ComplaintType.UserComplaint, advertiser with { Account = second });
        await app.UpholdAsync(filed.ComplaintId, ViolationTier.High);
        var suspendedToo = await app.CreatePromotionAsync(second, status: PromotionStatus.Active, startsAt: running);
        using var owner = await app.SignedInAsync(advertiser.Email);

        var page = await owner.GetAsync("/Promotions");

        string Delivery(Promotion p) =>
            System.Text.RegularExpressions.Regex.Replace(page.Document.QuerySelector($"tr[data-promotion='{p.ExternalCampaignId}'] [data-testid=delivery]")!.TextContent, @"\s+", " ").Trim();
        Assert.Equal("Active — delivering", Delivery(active));
        Assert.Equal("Active — delivering", Delivery(activeToo));
        Assert.Equal("Paused — not delivering: paused by the advertiser", Delivery(paused));
        Assert.StartsWith("Removed — not delivering: removed by the platform", Delivery(removed), StringComparison.Ordinal);
        Assert.StartsWith("Active — not delivering: account suspended until", Delivery(filed.Promotion), StringComparison.Ordinal);
        Assert.Equal(Delivery(filed.Promotion), Delivery(suspendedToo));
        Assert.Equal(
            $"/Promotions/Details/{paused.Id}",
            page.Document.QuerySelector($"tr[data-promotion='{paused.ExternalCampaignId}'] a")!.GetAttribute("href"));
    }
}
