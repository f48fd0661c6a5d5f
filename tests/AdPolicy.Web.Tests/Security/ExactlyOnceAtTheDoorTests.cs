using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Security;

/// <summary>
/// Issue 13, "exactly once at every door": a complaint form sent twice (a double click, two identical posts at once)
/// files one complaint and both answers show it; colleagues adding notes to one case at once all get their notes stored.
/// </summary>
public sealed class ExactlyOnceAtTheDoorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The form as the browser has it (hidden fields: antiforgery token and whatever else the page put there), filled in.</summary>
    private static async Task<List<KeyValuePair<string, string>>> FilledFormAsync(AppClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Document.QuerySelectorAll($"{AceTestData.ComplaintForm} input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))
            .Where(kv => !fields.ContainsKey(kv.Key))
            .Concat(fields)
            .ToList();
    }

    private Task<int> ComplaintsAboutAsync(Guid promotionId) =>
        app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotionId, Cancel));

    [Fact]
    public async Task ThePublicComplaintForm_PostedTwiceAtOnce_FilesOneComplaint_AndBothAnswersShowIt()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        using var complainant = app.CreateAppClient();
        var form = await FilledFormAsync(complainant, "/Public/Complaints/New", AceTestData.UserForm(promotion.ExternalCampaignId));

        var answers = await Task.WhenAll(
            complainant.PostAsync("/Public/Complaints/New", form),
            complainant.PostAsync("/Public/Complaints/New", form));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.Status));
        Assert.Equal(answers[0].Location, answers[1].Location);
        Assert.Equal(1, await ComplaintsAboutAsync(promotion.Id));

        // One tracking-link email, written in the one filing's transaction.
        var received = answers[0].Location!.Split("reference=")[1] + " was received";
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "uma@example.com" && m.Subject.Contains(received), Cancel)));
    }

    [Fact]
    public async Task ThePublicComplaintForm_SentAgainAfterItWasFiled_ShowsTheSameComplaintAndTrackingLink()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        using var complainant = app.CreateAppClient();
        var form = await FilledFormAsync(complainant, "/Public/Complaints/New", AceTestData.UserForm(promotion.ExternalCampaignId));

        var first = await complainant.FollowAsync(await complainant.PostAsync("/Public/Complaints/New", form));
        var again = await complainant.FollowAsync(await complainant.PostAsync("/Public/Complaints/New", form));

        Assert.NotEmpty(first.TestId("reference"));
        Assert.Equal(first.TestId("reference"), again.TestId("reference"));
        Assert.NotEmpty(first.TestId("tracking-link"));
        Assert.Equal(first.TestId("tracking-link"), again.TestId("tracking-link"));
        Assert.Equal(1, await ComplaintsAboutAsync(promotion.Id));

        // The link was emailed once, with the filing: the repeat found the complaint and emailed nothing.
        var received = first.TestId("reference") + " was received";
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "uma@example.com" && m.Subject.Contains(received), Cancel)));

        // The link the repeat showed opens the complaint.
        var tracking = await app.CreateAppClient().GetAsync(new Uri(again.TestId("tracking-link")).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, tracking.Status);
        Assert.Contains(first.TestId("reference"), tracking.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStaffComplaintForm_PostedTwiceAtOnce_RecordsOneComplaint_AndBothAnswersOpenIt()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var form = await FilledFormAsync(support, "/Staff/Complaints/New", AceTestData.UserForm(promotion.ExternalCampaignId, "caller@example.com"));

        var answers = await Task.WhenAll(
            support.PostAsync("/Staff/Complaints/New", form),
            support.PostAsync("/Staff/Complaints/New", form));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.Status));
        Assert.Equal(answers[0].Location, answers[1].Location);
        Assert.Equal(1, await ComplaintsAboutAsync(promotion.Id));
    }

    [Fact]
    public async Task TwoAgentsAddingEightNotesToOneRefundCaseAtOnce_AllEightAreStored()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var sam = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Sam Support"));
        using var jo = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Jo Support"));
        var url = $"/Staff/Refunds/Details/{request.Id}";
        var tokens = new[] { await sam.TokenFromAsync(url), await jo.TokenFromAsync(url) };
        var agents = new[] { sam, jo };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => agents[i % 2].PostAsync(
            $"{url}?handler=Note",
            [new("Message.Text", $"Note {i} from {(i % 2 == 0 ? "Sam" : "Jo")}"), new("__RequestVerificationToken", tokens[i % 2])])));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.Redirect, $"A note was refused ({(int)a.Status}): {a.Summary}"));
        var notes = await app.WithDbAsync(db => db.RefundEvents.Where(e => e.RefundRequestId == request.Id && e.Kind == RefundEventKind.InternalNote).Select(e => e.Text).ToListAsync(Cancel));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"Note {i} from {(i % 2 == 0 ? "Sam" : "Jo")}").Order(), notes.Order());
    }

    [Fact]
    public async Task TwoAgentsAddingEightNotesToOneComplaintAtOnce_AllEightAreStored()
    {
        var complaint = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        using var sam = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Sam Support"));
        using var riley = await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer, name: "Riley Reviewer"));
        var url = $"/Staff/Complaints/Details/{complaint.ComplaintId}";
        var tokens = new[] { await sam.TokenFromAsync(url), await riley.TokenFromAsync(url) };
        var agents = new[] { sam, riley };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => agents[i % 2].PostAsync(
            $"{url}?handler=Note",
            [new("Note", $"Note {i}"), new("__RequestVerificationToken", tokens[i % 2])])));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.Redirect, $"A note was refused ({(int)a.Status}): {a.Summary}"));
        var notes = await app.WithDbAsync(db => db.ComplaintEvents.Where(e => e.ComplaintId == complaint.ComplaintId && e.Kind == ComplaintEventKind.InternalNote).Select(e => e.Text).ToListAsync(Cancel));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"Note {i}").Order(), notes.Order());
    }
}
