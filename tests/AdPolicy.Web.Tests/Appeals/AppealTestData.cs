using System.Globalization;
using System.Net;
using System.Text;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Appeals;

/// <summary>An advertiser whose account carries an upheld IP strike (and so a 3-day suspension from <see cref="UpheldAt"/>).</summary>
public sealed record Penalised(Advertiser Advertiser, Guid ViolationId, DateTimeOffset UpheldAt, Promotion Promotion);

/// <summary>Review requests opened, filled and decided through the real pages, with evidence files the tests write themselves.</summary>
internal static class AppealTestData
{
    public static async Task<Penalised> StrikeAsync(this AppFactory app)
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Paused);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.Ads[0].ExternalAdId));
        using var staff = await app.SupportAsync();
        var upheldAt = app.Clock.GetUtcNow();
        var result = await staff.UpholdAsync(filed.Id, ViolationTier.Low);
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.ComplaintId == filed.Id));
        return new Penalised(advertiser, violation.Id, upheldAt, promotion);
    }

    public static async Task<AppClient> ReviewerAsync(this AppFactory app) =>
        await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer, name: "Rui Reviewer"));

    /// <summary>Opens a review request from the New page; returns its id.</summary>
    public static async Task<Guid> OpenAppealAsync(
        this AppClient client, SubjectKind subjectKind, Guid subjectId, IssueType issueType, bool refusedRefund = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.IssueType"] = issueType.ToString(),
            ["Input.Statement"] = "The goods were genuine and delivered on time; the evidence is attached.",
        };
        if (refusedRefund)
        {
            fields["Input.PenaltyFromRefusedRefund"] = "true";
        }

        var result = await client.PostFormAsync($"/Appeals/New?subjectKind={subjectKind}&subjectId={subjectId}", "form[data-testid=appeal-form]", fields);
        Assert.True(result.Status == HttpStatusCode.Redirect, $"Opening the appeal failed ({(int)result.Status}): {result.Summary}");
        return Guid.Parse(result.Location!.Split('/')[^1]);
    }

    /// <summary>Uploads through the item's form on the details page (as a browser: token first, then the fields, then the files).</summary>
    public static Task<PageResult> UploadAsync(this AppClient client, Guid appealId, EvidenceKind kind, Dictionary<string, string> fields, params Upload[] files) =>
        client.PostFormAsync($"/Appeals/Details/{appealId}", $"form[data-testid=upload-{kind}]", fields, files);

    public static Task<PageResult> UploadAsync(this AppClient client, Guid appealId, EvidenceKind kind, params Upload[] files) =>
        client.UploadAsync(appealId, kind, [], files);

    /// <summary>Uploads, insists the file was taken (kept, whatever its check says) and returns the checklist page.</summary>
    public static async Task<PageResult> AttachedAsync(this AppClient client, Guid appealId, EvidenceKind kind, Dictionary<string, string> fields, params Upload[] files)
    {
        var result = await client.UploadAsync(appealId, kind, fields, files);
        Assert.True(
            result.Status == HttpStatusCode.Redirect,
            $"Upload refused ({(int)result.Status}): {result.Summary} {result.FieldError("Evidence.File")} {result.FieldError("Evidence.Document")} {result.FieldError("Evidence.Description")} {result.FieldError("Evidence.Authority")} {result.FieldError("Evidence.ValidFrom")}");
        return await client.FollowAsync(result);
    }

    public static Task<PageResult> AttachedAsync(this AppClient client, Guid appealId, EvidenceKind kind, params Upload[] files) =>
        client.AttachedAsync(appealId, kind, [], files);

    public static Upload File(string path, string field = "Evidence.File") => new(field, Path.GetFileName(path), System.IO.File.ReadAllBytes(path));

    public static Upload Csv(string name, string text) => new("Evidence.File", name, Encoding.UTF8.GetBytes(text), "text/csv");

    /// <summary>One order on each of the given days before <paramref name="requestDate"/>, each with a tracking number.</summary>
    public static string OrdersOnDays(DateOnly requestDate, params int[] daysBefore)
    {
        var csv = new StringBuilder("order_id,order_date,product,quantity,price,tracking_number\n");
        foreach (var (days, i) in daysBefore.Select((d, i) => (d, i)))
        {
            csv.Append(CultureInfo.InvariantCulture, $"B-{2000 + i},{requestDate.AddDays(-days):yyyy-MM-dd},Walnut tray,1,30.00,TRK{i:D6}\n");
        }

        return csv.ToString();
    }

    /// <summary>A strike appealed with fulfilment evidence that passes every check, submitted.</summary>
    public static async Task<(Penalised Penalised, Guid Id, AppClient Advertiser)> SubmittedFulfilmentAppealAsync(this AppFactory app, Evidence.EvidenceFiles files)
    {
        var penalised = await app.StrikeAsync();
        var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var requestDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await client.AttachedAsync(id, EvidenceKind.ShippingProof, File(files.OrderList($"orders-{id:N}.csv", 10, requestDate)));
        await client.AttachedAsync(id, EvidenceKind.ProductVideo, File(files.Mp4($"stock-{id:N}.mp4", 1000, 11_000)));
        await client.AttachedAsync(id, EvidenceKind.MatchVideo, File(files.Mp4($"unbox-{id:N}.mp4", 1000, 10_000)));
        var submitted = await client.PostFormAsync($"/Appeals/Details/{id}", "form[action*=Submit]", []);
        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        return (penalised, id, client);
    }

    public static Task<ReviewRequest> AppealAsync(this AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.ReviewRequests.AsNoTracking().Include(r => r.Items).ThenInclude(i => i.EarlierVersions).Include(r => r.Events).AsSplitQuery().SingleAsync(r => r.Id == id));

    public static Task<int> EvidenceRowsAsync(this AppFactory app, Guid appealId) =>
        app.WithDbAsync(db => db.EvidenceFiles.CountAsync(f => f.CaseId == appealId));

    /// <summary>Every stored (committed or staged) file under the app's evidence root.</summary>
    public static IReadOnlyList<string> StoredFiles(this AppFactory app) =>
        Directory.Exists(app.EvidenceRoot) ? Directory.GetFiles(app.EvidenceRoot, "*", SearchOption.AllDirectories) : [];
}
