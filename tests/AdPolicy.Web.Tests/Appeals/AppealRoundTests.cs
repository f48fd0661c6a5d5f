using System.Net;
using AdPolicy.Domain.Appeals;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Evidence;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Appeals;

/// <summary>
/// Appeals that go back and forth: a rejected item reaches the advertiser with the reviewer's note, they replace it
/// (checked again) and resubmit, the reviewer sees every version, and the review clock pauses meanwhile.
/// </summary>
public sealed class AppealRoundTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private const string Note = "The video shows an empty room; film the actual stock on the shelves.";

    private readonly EvidenceFiles _files = new();

    private static string StaffPage(Guid id) => $"/Staff/Appeals/Details/{id}";

    private static string AdvertiserPage(Guid id) => $"/Appeals/Details/{id}";

    [Fact]
    public async Task ARejectedItem_IsReplacedAndCheckedAgain_TheClockPausesAndResumes_AndTheReviewerSeesEveryVersionAndApproves()
    {
        var (penalised, id, first) = await app.SubmittedFulfilmentAppealAsync(_files);
        first.Dispose();
        var reviewerEmail = await app.CreateUserAsync(Roles.Reviewer, name: "Rui Reviewer");
        var reviewer = await app.SignedInAsync(reviewerEmail);
        var submitted = await app.AppealAsync(id);
        var dueAt = submitted.SubmittedAt!.Value.AddHours(72);
        await reviewer.PostFormAsync(StaffPage(id), "form[action*=Claim]", []);
        Assert.Equal(dueAt, await QueueDueAsync(id));

        // Ten hours in, the reviewer rejects the product video: the advertiser is told once, with the note. (Sign-ins
        // last 8 hours, so each person signs in again after the clock moves on.)
        app.Clock.Advance(TimeSpan.FromHours(10));
        reviewer.Dispose();
        reviewer = await app.SignedInAsync(reviewerEmail);
        var rejected = await reviewer.FollowAsync(await reviewer.PostFormAsync(
            StaffPage(id), "button[formaction*='verdict=Rejected&kind=ProductVideo']", new() { ["Note"] = Note }));
        Assert.Contains("Product video rejected; the advertiser was told to replace it", rejected.Text);
        Assert.Equal("awaiting the advertiser", rejected.TestId("appeal-status"));
        Assert.Equal("Waiting for the advertiser: they replace the rejected evidence and resubmit.", rejected.TestId("next-move"));
        Assert.Equal("paused while waiting for the advertiser, 2 d 14 h left", rejected.TestId("review-clock"));
        Assert.Null(await QueueDueAsync(id));
        Assert.Contains("paused", QueueRowText(await reviewer.GetAsync($"/Staff/Queue?Filter.Organisation={penalised.Advertiser.Organisation.Id}"), submitted.Reference));

        var again = await reviewer.PostAsync(
            $"{StaffPage(id)}?handler=Verdict&verdict=Rejected&kind=ProductVideo",
            [new("__RequestVerificationToken", await reviewer.TokenFromAsync(StaffPage(id))), new("Note", Note)]);
        Assert.Contains("Product video was sent back to the advertiser to replace; judge it once they resubmit.", again.Summary);
        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == penalised.Advertiser.Email && m.Subject.Contains(submitted.Reference)).ToListAsync());
        var email = Assert.Single(emails, m => m.Subject.Contains("Product video rejected, replace it", StringComparison.Ordinal));
        Assert.Contains(Note, email.Body);
        using var advertiser = await app.SignedInAsync(penalised.Advertiser.Email);
        var notices = await advertiser.GetAsync("/Notifications");
        Assert.Contains($"Review request {submitted.Reference}: Product video rejected, replace it", notices.Text);
        Assert.Contains(Note, notices.Text);

        // The advertiser sees whose move it is and the note; they cannot resubmit the rejected file, or change another item.
        Assert.Equal("Waiting for you: replace the rejected item, then resubmit.", (await advertiser.GetAsync("/Appeals")).TestId($"next-move-{submitted.Reference}"));
        var mine = await advertiser.GetAsync(AdvertiserPage(id));
        Assert.Equal("Waiting for you: replace the rejected item, then resubmit.", mine.TestId("next-move"));
        Assert.Equal($"Reviewer's note: {Note}", mine.TestId("note-ProductVideo"));
        Assert.NotNull(mine.Document.QuerySelector("form[data-testid=upload-ProductVideo]"));
        Assert.Null(mine.Document.QuerySelector("form[data-testid=upload-ShippingProof]"));
        var early = await advertiser.PostFormAsync(AdvertiserPage(id), "form[action*=Resubmit]", []);
        Assert.Equal(HttpStatusCode.OK, early.Status);
        Assert.Contains("Product video: the rejected file has not been replaced yet.", early.Summary);
        var other = await advertiser.PostAsync(
            $"/Appeals/Evidence/{id}/ShippingProof", [new("__RequestVerificationToken", await advertiser.TokenFromAsync(AdvertiserPage(id)))],
            AppealTestData.File(_files.OrderList("other.csv", 12, DateOnly.FromDateTime(submitted.CreatedAt.UtcDateTime))));
        Assert.Contains("The reviewer did not reject shipping proof", other.Summary);

        // A replacement too short fails its check; the appeal cannot go back with it.
        app.Clock.Advance(TimeSpan.FromHours(20));
        using var advertiserLater = await app.SignedInAsync(penalised.Advertiser.Email);
        var shortVideo = await advertiserLater.AttachedAsync(id, EvidenceKind.ProductVideo, AppealTestData.File(_files.Mp4("stock-again.mp4", 1000, 4_000)));
        Assert.Equal("does not pass", shortVideo.TestId("check-ProductVideo"));
        Assert.Contains("The video lasts 4 seconds; it must last at least 10 seconds.", shortVideo.TestId("missing-ProductVideo"));
        var refused = await advertiserLater.PostFormAsync(AdvertiserPage(id), "form[action*=Resubmit]", []);
        Assert.Contains("The video lasts 4 seconds", refused.Summary);
        Assert.Equal(ReviewStatus.AwaitingAdvertiser, (await app.AppealAsync(id)).Status);

        // A passing replacement, resubmitted 30 hours after the rejection: the clock resumes with the 62 hours it had left.
        var passing = await advertiserLater.AttachedAsync(id, EvidenceKind.ProductVideo, AppealTestData.File(_files.Mp4("stock-shelves.mp4", 1000, 14_000)));
        Assert.Equal("passes", passing.TestId("check-ProductVideo"));
        Assert.Equal("Waiting for you: resubmit the request with the replaced evidence.", passing.TestId("next-move"));
        app.Clock.Advance(TimeSpan.FromHours(10));
        using var advertiserLatest = await app.SignedInAsync(penalised.Advertiser.Email);
        var resubmitted = await advertiserLatest.FollowAsync(await advertiserLatest.PostFormAsync(AdvertiserPage(id), "form[action*=Resubmit]", []));
        Assert.Equal("in review", resubmitted.TestId("appeal-status"));
        Assert.Equal("Waiting for the reviewer.", resubmitted.TestId("next-move"));
        var resumedDue = dueAt.AddHours(30);
        Assert.Equal(resumedDue, (await app.AppealAsync(id)).ReviewDueAt);
        Assert.Equal(resumedDue, await QueueDueAsync(id));
        var readerZone = Web.Localisation.Zones.Get(resubmitted.TestId("reader-zone")); // the timeline says it on the reader's clock
        Assert.Contains($"The review clock runs again: review due {Web.Localisation.Zones.Format(resumedDue, readerZone, System.Globalization.CultureInfo.GetCultureInfo("en"))}", resubmitted.TestId("timeline"));
        var reviewerId = (await app.AppealAsync(id)).AssigneeId;
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == reviewerId && n.Title.Contains(submitted.Reference))));

        // The reviewer sees all three versions: the rejected one with its verdict, the one that failed, and the current one.
        reviewer.Dispose();
        reviewer = await app.SignedInAsync(reviewerEmail);
        var desk = await reviewer.GetAsync(StaffPage(id));
        Assert.Equal(resumedDue, DateTimeOffset.Parse(desk.Document.QuerySelector("[data-testid=review-clock] time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture));
        var original = desk.TestId("version-ProductVideo-1");
        Assert.Contains($"stock-{id:N}.mp4", original);
        Assert.Contains("Automatic check: passed", original);
        Assert.Contains("Verdict: rejected by Rui Reviewer", original);
        Assert.Contains(Note, original);
        var second = desk.TestId("version-ProductVideo-2");
        Assert.Contains("stock-again.mp4", second);
        Assert.Contains("Automatic check: did not pass", second);
        Assert.Contains("The video lasts 4 seconds", second);
        Assert.Contains("Verdict: not reviewed", second);
        Assert.Contains("Version 3", desk.TestId("current-version-ProductVideo"));
        Assert.Contains("stock-shelves.mp4", desk.TestId("item-ProductVideo"));
        Assert.Equal(2, (await app.AppealAsync(id)).Item(EvidenceKind.ProductVideo).EarlierVersions.Count);

        foreach (var kind in new[] { EvidenceKind.ShippingProof, EvidenceKind.ProductVideo, EvidenceKind.MatchVideo })
        {
            await reviewer.PostFormAsync(StaffPage(id), $"button[formaction*='verdict=Accepted&kind={kind}']", []);
        }

        var approved = await reviewer.FollowAsync(await reviewer.PostFormAsync(StaffPage(id), "button[formaction*=Approve]", new() { ["Decision.Reason"] = "The new video shows the stock." }));
        Assert.Equal("approved", approved.TestId("appeal-status"));
        Assert.False((await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.Id == penalised.ViolationId))).IsActive);
        Assert.False(await app.WithDbAsync(db => db.QueueItems.AnyAsync(q => q.CaseId == id)));
        reviewer.Dispose();
    }

    [Fact]
    public async Task EarlierVersions_CannotBeChangedOrDeleted()
    {
        var (_, id, advertiser) = await ReturnedAsync();
        await advertiser.AttachedAsync(id, EvidenceKind.ProductVideo, AppealTestData.File(_files.Mp4($"new-{id:N}.mp4", 1000, 12_000)));

        var update = await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE review_evidence_versions SET verdict_note = 'edited' WHERE review_request_id = {id}")));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"DELETE FROM review_evidence_versions WHERE review_request_id = {id}")));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(Note, Assert.Single((await app.AppealAsync(id)).Item(EvidenceKind.ProductVideo).EarlierVersions).VerdictNote);
    }

    [Fact]
    public async Task ADoubleClickOnResubmit_ResubmitsOnce_AndTellsTheReviewerOnce()
    {
        var (_, id, advertiser) = await ReturnedAsync();
        await advertiser.AttachedAsync(id, EvidenceKind.ProductVideo, AppealTestData.File(_files.Mp4($"new-{id:N}.mp4", 1000, 12_000)));
        var token = await advertiser.TokenFromAsync(AdvertiserPage(id));

        var answers = await Task.WhenAll(
            advertiser.PostAsync($"{AdvertiserPage(id)}?handler=Resubmit", [new("__RequestVerificationToken", token)]),
            advertiser.PostAsync($"{AdvertiserPage(id)}?handler=Resubmit", [new("__RequestVerificationToken", token)]));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect);
        var second = Assert.Single(answers, a => a.Status != HttpStatusCode.Redirect);
        Assert.True(
            second.Summary.Contains("You cannot resubmit an appeal that is in review.", StringComparison.Ordinal)
            || second.Summary.Contains("Someone changed this case", StringComparison.Ordinal),
            second.Summary);
        var appeal = await app.AppealAsync(id);
        Assert.Equal(ReviewStatus.InReview, appeal.Status);
        Assert.Single(appeal.Events, e => e.Kind == ReviewEventKind.Resubmitted);
        Assert.Equal(1, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Title.Contains(appeal.Reference) && n.Title.Contains("replaced evidence"))));
    }

    [Fact]
    public async Task AnUploadFromAStalePage_WhileTheReviewerDenied_AttachesNothing_AndTheAdvertiserSeesWhatChanged()
    {
        var (_, id, advertiser) = await ReturnedAsync();
        using var reviewer = await app.ReviewerAsync();
        var uploadToken = await advertiser.TokenFromAsync(AdvertiserPage(id));
        var denyToken = await reviewer.TokenFromAsync(StaffPage(id));

        // The denial is saved first; the replacement, made on the appeal as the advertiser read it, finds it changed.
        var (denied, replaced) = await app.BothQueuedBehindAsync(
            $"SELECT 1 FROM review_requests WHERE id = {id} FOR UPDATE",
            () => reviewer.PostAsync($"{StaffPage(id)}?handler=Deny", [new("__RequestVerificationToken", denyToken), new("Decision.Reason", "No stock was shown.")]),
            () => advertiser.PostAsync(
                $"/Appeals/Evidence/{id}/ProductVideo", [new("__RequestVerificationToken", uploadToken)], AppealTestData.File(_files.Mp4($"stale-{id:N}.mp4", 1000, 12_000))));

        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Contains("Someone changed this review request while you were working on it, so nothing you did was saved.", replaced.Summary);
        Assert.Contains("The latest change: Denied (was awaiting the advertiser), by ", replaced.Summary);
        var appeal = await app.AppealAsync(id);
        Assert.Equal(ReviewStatus.Denied, appeal.Status);
        Assert.Equal(1, appeal.Item(EvidenceKind.ProductVideo).VersionNumber);
        Assert.False(await app.WithDbAsync(db => db.EvidenceFiles.AnyAsync(f => f.FileName == $"stale-{id:N}.mp4")));
    }

    [Fact]
    public async Task AReviewerDenyingWhileTheAdvertiserReplaces_LosesNothing_TheReplacementIsKeptAndTheReviewerIsTold()
    {
        var (_, id, advertiser) = await ReturnedAsync();
        using var reviewer = await app.ReviewerAsync();
        var uploadToken = await advertiser.TokenFromAsync(AdvertiserPage(id));
        var denyToken = await reviewer.TokenFromAsync(StaffPage(id));

        // The replacement is saved first; the denial, made on the appeal as the reviewer read it, finds it changed.
        var (replaced, denied) = await app.BothQueuedBehindAsync(
            $"SELECT 1 FROM review_requests WHERE id = {id} FOR UPDATE",
            () => advertiser.PostAsync(
                $"/Appeals/Evidence/{id}/ProductVideo", [new("__RequestVerificationToken", uploadToken)], AppealTestData.File(_files.Mp4($"race-{id:N}.mp4", 1000, 12_000))),
            () => reviewer.PostAsync($"{StaffPage(id)}?handler=Deny", [new("__RequestVerificationToken", denyToken), new("Decision.Reason", "No stock was shown.")]));

        Assert.Equal(HttpStatusCode.Redirect, replaced.Status);
        Assert.Equal(HttpStatusCode.OK, denied.Status);
        Assert.Contains("Someone changed this review request", denied.Summary);
        Assert.Contains("nothing you did was saved", denied.Summary);
        Assert.Contains($"race-{id:N}.mp4", denied.TestId("item-ProductVideo"));
        var appeal = await app.AppealAsync(id);
        Assert.Equal(ReviewStatus.AwaitingAdvertiser, appeal.Status);
        Assert.Equal(2, appeal.Item(EvidenceKind.ProductVideo).VersionNumber);
        Assert.True(appeal.Item(EvidenceKind.ProductVideo).CheckPassed);
        Assert.DoesNotContain(appeal.Events, e => e.Kind == ReviewEventKind.Denied);
    }

    public void Dispose() => _files.Dispose();

    /// <summary>A submitted fulfilment appeal, claimed, whose product video the reviewer rejected with <see cref="Note"/>.</summary>
    private async Task<(Penalised Penalised, Guid Id, AppClient Advertiser)> ReturnedAsync()
    {
        var appeal = await app.SubmittedFulfilmentAppealAsync(_files);
        using var reviewer = await app.ReviewerAsync();
        await reviewer.PostFormAsync(StaffPage(appeal.Id), "form[action*=Claim]", []);
        var rejected = await reviewer.PostFormAsync(StaffPage(appeal.Id), "button[formaction*='verdict=Rejected&kind=ProductVideo']", new() { ["Note"] = Note });
        Assert.Equal(HttpStatusCode.Redirect, rejected.Status);
        return appeal;
    }

    private Task<DateTimeOffset?> QueueDueAsync(Guid id) =>
        app.WithDbAsync(db => db.QueueItems.AsNoTracking().Where(q => q.CaseId == id).Select(q => q.ClockDueAt).SingleAsync());

    private static string QueueRowText(PageResult queue, string reference) =>
        queue.Document.QuerySelector($"tr[data-case='{reference}'] [data-testid=due]")?.TextContent ?? string.Empty;
}
