using System.Globalization;
using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AcePage = AdPolicy.Web.Accounts.IndexModel;

namespace AdPolicy.Web.Tests.Security;

/// <summary>
/// Issue 13, "hygiene": due dates within the policy's range, abandoned partial uploads swept, the ACE page paged, and an
/// upload over a form's limit answered 413 with a sentence rather than 400.
/// </summary>
public sealed class HygieneTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int ViolationPages = (260 + AcePage.ViolationPageSize - 1) / AcePage.ViolationPageSize;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task RequestInformation_DueOn9999_12_31_IsRefusedNextToTheField_AndWithinThePolicysRangeItIsSent()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account, spent: 1000m));
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var url = $"/Staff/Refunds/Details/{request.Id}";
        await support.PostFormAsync(url, "form[action*='handler=Claim']", []);

        var page = await support.GetAsync(url);
        var dateInput = page.Document.QuerySelector("input[name='Information.DueDate']")!;
        Assert.Equal(Date(app.Clock.GetUtcNow().AddDays(30)), dateInput.GetAttribute("max"));

        foreach (var bad in new[] { "9999-12-31", Date(app.Clock.GetUtcNow().AddDays(31)), Date(app.Clock.GetUtcNow().AddDays(-1)) })
        {
            var refused = await support.PostFormAsync(url, "form[action*='handler=RequestInformation']", new()
            {
                ["Information.Question"] = "Which placements stopped delivering?",
                ["Information.DueDate"] = bad,
            });

            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains("at most 30 days ahead", refused.FieldError("Information.DueDate"), StringComparison.Ordinal);
            Assert.Equal(RefundStatus.InReview, (await app.RefundAsync(request.Id)).Status);
        }

        var sent = await support.PostFormAsync(url, "form[action*='handler=RequestInformation']", new()
        {
            ["Information.Question"] = "Which placements stopped delivering?",
            ["Information.DueDate"] = Date(app.Clock.GetUtcNow().AddDays(30)),
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal(RefundStatus.AwaitingAdvertiser, (await app.RefundAsync(request.Id)).Status);
    }

    [Fact]
    public async Task ShorteningASuspension_To9999_12_31_IsRefused_AndTheSuspensionKeepsItsEnd()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Sam Support"));
        using var owner = await app.SignedInAsync(advertiser.Email);
        var page = $"/Staff/Accounts/Details/{advertiser.Account.Id}";
        var recorded = await support.PostFormAsync(page, "form[data-testid=record-form]", new()
        {
            ["Desk.Tier"] = "High",
            ["Desk.Category"] = "FalsePromotionOrScam",
            ["Desk.Reason"] = "An ACE evaluation found refunds refused on most orders.",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.AdAccountId == advertiser.Account.Id, Cancel));
        var standing = (await owner.GetAsync("/Ace")).TestId("standing");
        Assert.Contains("suspended until", standing, StringComparison.Ordinal);

        var refused = await support.PostFormAsync(page, "form[data-testid=lift-form]", new()
        {
            ["Desk.Target"] = $"v:{violation.Id}",
            ["Desk.EndsAt"] = "9999-12-31T00:00",
            ["Desk.Reason"] = "Shortened after the appeal.",
        });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("can only make it end sooner", refused.Text, StringComparison.Ordinal);
        Assert.Equal(standing, (await owner.GetAsync("/Ace")).TestId("standing"));
    }

    [Fact]
    public async Task APartialUploadLeftInIncoming_IsSwept_WhenOlderThanTheConfiguredAge_AndAFreshOneIsKept()
    {
        var incoming = Path.Combine(app.EvidenceRoot, "incoming");
        _ = app.Services; // the store makes its folders when the app starts
        Directory.CreateDirectory(incoming);
        var stale = Path.Combine(incoming, "killed-upload-" + Guid.NewGuid().ToString("N"));
        var fresh = Path.Combine(incoming, "upload-in-progress-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(stale, new byte[4096], Cancel);
        await File.WriteAllBytesAsync(fresh, new byte[4096], Cancel);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        File.SetLastWriteTimeUtc(stale, now.AddHours(-7)); // default age: 6 hours
        File.SetLastWriteTimeUtc(fresh, now.AddMinutes(-5));

        await app.Services.GetRequiredService<SweepService>().RunOnceAsync(Cancel);

        Assert.False(File.Exists(stale), "The abandoned partial upload is still in incoming/.");
        Assert.True(File.Exists(fresh), "An upload still being written was deleted.");
    }

    [Fact]
    public async Task TheAcePage_WithTwoHundredSixtyViolations_ShowsAPageOfThem_AndOlderLinksReachEveryOne()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var staff = await app.StaffAsync();
        var ids = await app.WithDbAsync(async db =>
        {
            var made = new List<Guid>();
            for (var i = 0; i < 260; i++)
            {
                var violation = Violation.Record(
                    advertiser.Account.Id, advertiser.Organisation.Id, null, ProhibitedCategory.SlowAfterSales, ViolationTier.Low,
                    $"Evaluation {i}: orders shipped late.", staff, app.Clock.GetUtcNow().AddMinutes(-i));
                db.Violations.Add(violation);
                await db.NumberAsync(violation, Cancel);
                made.Add(violation.Id);
            }

            for (var i = 0; i < 120; i++)
            {
                var complaint = AceComplaint.File(
                    ComplaintType.UserComplaint, ProhibitedCategory.SlowAfterSales, advertiser.Organisation.Id, advertiser.Account.Id, promotion.Id, null,
                    new ComplainantDetails($"Complainant {i}", $"c{i}@example.com", null, ComplainantRole.AffectedUser, null),
                    "Nothing arrived five weeks after the order.", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
                    new Actor(null, $"Complainant {i}", ActorKind.Complainant), app.Clock.GetUtcNow().AddMinutes(-i));
                db.AceComplaints.Add(complaint);
                await db.NumberAsync(complaint, Cancel);
            }

            await db.SaveChangesAsync(Cancel);
            return made;
        });
        using var owner = await app.SignedInAsync(advertiser.Email);

        var seenViolations = new List<string>();
        var seenComplaints = new HashSet<string>();
        string? url = "/Ace";
        var pages = 0;
        while (url is not null)
        {
            var page = await owner.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var rows = page.Document.QuerySelectorAll($"section[data-account='{advertiser.Account.Id}'] [data-testid=violations] tr[data-violation]")
                .Select(r => r.GetAttribute("data-violation")!).ToList();
            Assert.InRange(rows.Count, 1, AcePage.ViolationPageSize);
            Assert.True(page.Response.Content.Headers.ContentLength is null or < 400_000 || (await page.Response.Content.ReadAsStringAsync(Cancel)).Length < 400_000);
            seenViolations.AddRange(rows);
            url = page.Document.QuerySelector("[data-testid=older-violations]")?.GetAttribute("href");
            Assert.True(++pages <= ViolationPages, "More pages than 260 violations need.");
        }

        Assert.Equal(ViolationPages, pages);
        Assert.Equal(ids.Select(i => i.ToString()).Order(), seenViolations.Order());
        Assert.Equal(seenViolations.Count, seenViolations.Distinct().Count());

        url = "/Ace";
        pages = 0;
        while (url is not null)
        {
            var page = await owner.GetAsync(url);
            var complaints = page.Document.QuerySelectorAll("[data-testid=complaints] li[data-complaint]").Select(c => c.GetAttribute("data-complaint")!).ToList();
            Assert.InRange(complaints.Count, 1, AcePage.PageSize);
            Assert.All(complaints, c => Assert.True(seenComplaints.Add(c), $"{c} shown twice."));
            url = page.Document.QuerySelector("[data-testid=older-complaints]")?.GetAttribute("href");
            Assert.True(++pages <= (120 + AcePage.PageSize - 1) / AcePage.PageSize, "More pages than 120 complaints need.");
        }

        Assert.Equal(120, seenComplaints.Count);
    }

    [Fact]
    public async Task AnUploadOverTheFormsLimit_ThroughTheRealMultipartAndAntiforgeryPath_Answers413WithASentence()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        using var complainant = app.CreateAppClient();
        var form = await complainant.GetAsync("/Public/Complaints/New");
        var values = form.Document.QuerySelectorAll($"{AceTestData.ComplaintForm} input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))
            .Concat(AceTestData.UserForm(promotion.ExternalCampaignId))
            .ToList();
        Assert.Contains(values, v => v.Key == "__RequestVerificationToken");

        var result = await complainant.PostAsync("/Public/Complaints/New", values, new Upload("Input.Files", "huge.pdf", new byte[65 * 1024 * 1024], "application/pdf"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, result.Status);
        Assert.True(result.Text.Contains("The upload is too large", StringComparison.Ordinal), result.Document.QuerySelector("main")?.TextContent ?? result.Text);
        Assert.Contains("64 MB", result.TestId("too-large"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotion.Id, Cancel)));
    }
}
