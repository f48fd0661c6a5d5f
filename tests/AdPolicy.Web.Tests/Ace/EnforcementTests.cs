using System.Net;
using System.Text.RegularExpressions;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>
/// Enforcement that takes effect everywhere (issue 9): delivery follows standing on every page, removal lifts what
/// rested on a violation (a cancelled ad plan included), every region is told, and staff correct it at the desk.
/// </summary>
public sealed partial class EnforcementTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<Promotion> RunningAsync(Advertiser advertiser) =>
        await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active, startsAt: app.Clock.GetUtcNow().AddDays(-5));

    /// <summary>Nothing on the page says a promotion of this account is "Active" and delivering.</summary>
    private static void AssertNoPromotionDelivers(PageResult page, string where)
    {
        Assert.True(page.Status == HttpStatusCode.OK, $"{where}: {(int)page.Status}");
        var deliveries = page.Document.QuerySelectorAll("[data-testid=delivery]").ToList();
        Assert.True(deliveries.Count > 0, $"{where} shows no delivery state");
        Assert.All(deliveries, d => Assert.Equal("false", d.GetAttribute("data-delivering")));
        Assert.DoesNotMatch(DeliveringPattern(), page.Text);
        Assert.DoesNotContain(page.Document.All, e => e.Children.Length == 0 && e.TextContent.Trim() == "Active");
    }

    [Fact]
    public async Task NoPage_ShowsActiveForAPromotionOfASuspendedAccount()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var complained = await RunningAsync(advertiser);
        var other = await RunningAsync(advertiser);
        var filed = await app.FileAsync(AceTestData.UserForm(complained.Ads[0].ExternalAdId));
        using var staff = await app.SupportAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await staff.UpholdAsync(filed.Id, ViolationTier.Critical, "Counterfeit goods sold as genuine.")).Status);
        using var client = await app.SignedInAsync(advertiser.Email);

        var list = await client.GetAsync("/Promotions");
        AssertNoPromotionDelivers(list, "/Promotions");
        AssertNoPromotionDelivers(await client.GetAsync($"/Promotions/Details/{other.Id}"), "promotion page");
        AssertNoPromotionDelivers(await client.GetAsync($"/Promotions/Details/{complained.Id}"), "complained-of promotion page");
        AssertNoPromotionDelivers(await staff.GetAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}"), "staff account page");
        AssertNoPromotionDelivers(await staff.GetAsync($"/Staff/Complaints/Details/{filed.Id}"), "staff complaint page");
        var refund = await app.FileRefundAsync(advertiser, other, reason: RefundReason.TechnicalError);
        AssertNoPromotionDelivers(await staff.GetAsync($"/Staff/Refunds/Details/{refund.Id}"), "staff refund page");

        var row = list.Document.QuerySelector($"[data-promotion='{other.ExternalCampaignId}']")!.TextContent;
        Assert.Contains("Active — not delivering: account permanently suspended", Regex.Replace(row, @"\s+", " "));
        Assert.Contains("critical violation suspends the account immediately and permanently", row);
    }

    [Fact]
    public async Task ATemporarySuspension_StopsDelivery_AndItResumesByItselfWhenItEnds()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await RunningAsync(advertiser);
        var other = await RunningAsync(advertiser);
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.Ads[0].ExternalAdId));
        using var staff = await app.SupportAsync();
        await staff.UpholdAsync(filed.Id, ViolationTier.High, "Orders never shipped.");
        var upheldAt = app.Clock.GetUtcNow();
        using var client = await app.SignedInAsync(advertiser.Email);

        var during = await client.GetAsync($"/Promotions/Details/{other.Id}");
        var end = during.Document.QuerySelector("[data-testid=promotion-status] time")!.GetAttribute("datetime");
        Assert.Contains("not delivering: account suspended until", during.TestId("promotion-status"));
        Assert.Equal(upheldAt.AddDays(7).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), end);

        app.Clock.SetUtcNow(upheldAt.AddDays(7));
        using var later = await app.SignedInAsync(advertiser.Email);
        var after = await later.GetAsync($"/Promotions/Details/{other.Id}");
        Assert.Equal("Active — delivering", Regex.Replace(after.TestId("delivery"), @"\s+", " "));
    }

    [Fact]
    public async Task APromotionNotStarted_IsNotOfferedARefund_AndTheServerStillRefusesIt()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var future = await app.CreatePromotionAsync(advertiser.Account, spent: 0m, status: PromotionStatus.Paused, startsAt: app.Clock.GetUtcNow().AddDays(3));
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.GetAsync($"/Promotions/Details/{future.Id}");

        Assert.Null(page.Document.QuerySelector("a[href*='/Refunds/New']"));
        Assert.NotEmpty(page.TestId("refund-not-offered"));
        var form = await client.GetAsync($"/Refunds/New?promotionId={future.Id}");
        Assert.Contains("has not started", form.Text);
    }

    /// <summary>A promotion whose ad was complained of, upheld low (the ad restricted), and whose removal deadline was then missed.</summary>
    private async Task<(Advertiser Advertiser, Promotion Promotion, FiledComplaint Filed, Deadline Removal)> PlanCancelledForAMissedDeadlineAsync()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await RunningAsync(advertiser);
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.Ads[0].ExternalAdId));
        using var staff = await app.SupportAsync();
        await staff.UpholdAsync(filed.Id, ViolationTier.Low, "The delivery times in the ad were false.");
        app.Clock.Advance(TimeSpan.FromHours(25));
        await app.SweepAsync<AceDeadlineSweep>();
        var removal = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().SingleAsync(d => d.ComplaintId == filed.Id && d.Kind == DeadlineKind.RemoveContent));
        Assert.Equal(DeadlineState.Missed, removal.State);
        var cancelled = await app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotion.Id));
        Assert.Equal(PromotionStatus.Cancelled, cancelled.Status);
        Assert.Equal(removal.Id, cancelled.CancelledForDeadlineId);
        Assert.Contains($"The ad plan {promotion.ExternalCampaignId} was cancelled", Sentences.Outcome(removal));
        return (advertiser, promotion, filed, removal);
    }

    private async Task AssertPlanRestoredAsync(Advertiser advertiser, Promotion promotion, Guid complaintId)
    {
        var restored = await app.WithDbAsync(db => db.Promotions.AsNoTracking().Include(p => p.Ads).SingleAsync(p => p.Id == promotion.Id));
        Assert.Equal(PromotionStatus.Active, restored.Status);
        Assert.Null(restored.CancelledForDeadlineId);
        Assert.Equal(AdStatus.Active, restored.Ads[0].Status);
        using var client = await app.SignedInAsync(advertiser.Email);
        Assert.Equal("Active — delivering", Regex.Replace((await client.GetAsync($"/Promotions/Details/{promotion.Id}")).TestId("delivery"), @"\s+", " "));
        var events = await app.WithDbAsync(db => db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == complaintId && e.Kind == ComplaintEventKind.Restored).ToListAsync());
        // Stored as facts, worded where it is read: here in English.
        var timeline = Sentences.Of(Assert.Single(events).Facts);
        Assert.Null(events[0].Text);
        Assert.Contains($"The ad plan {promotion.ExternalCampaignId} (Test promotion) is restored: active again.", timeline);
        Assert.Contains($"The ad {promotion.Ads[0].ExternalAdId} is reinstated.", timeline);
        Assert.Equal(1, await app.NoticeCountAsync(advertiser.Organisation.Id, "Lifted"));
        Assert.Contains("is restored", (await client.GetAsync("/Ace")).TestId("history"));
    }

    [Fact]
    public async Task AWithdrawnComplaint_RestoresThePlanCancelledForItsMissedDeadline()
    {
        var (advertiser, promotion, filed, _) = await PlanCancelledForAMissedDeadlineAsync();
        using var complainant = app.CreateAppClient();

        var withdrawn = await complainant.FollowAsync(await complainant.WithdrawAsync(filed));

        Assert.Equal("withdrawn by the complainant", withdrawn.TestId("complaint-status"));
        await AssertPlanRestoredAsync(advertiser, promotion, filed.Id);
    }

    [Fact]
    public async Task AnApprovedAppeal_RestoresThePlanCancelledForAMissedDeadline()
    {
        var (advertiser, promotion, filed, removal) = await PlanCancelledForAMissedDeadlineAsync();
        var reviewerEmail = await app.CreateUserAsync(Roles.Reviewer, name: "Rui Reviewer");
        var reviewer = Actor.Staff(await app.UserIdAsync(reviewerEmail), "Rui Reviewer");
        var advertiserActor = Actor.Advertiser(await app.UserIdAsync(advertiser.Email), "Ada");
        var now = app.Clock.GetUtcNow();

        // The advertiser's appeal against the missed deadline, its evidence checked and accepted (the checks have their own tests).
        var appealId = await app.WithDbAsync(async db =>
        {
            var request = ReviewRequest.Create(advertiser.Organisation.Id, advertiser.Account.Id, SubjectKind.AdRestriction, removal.Id, IssueType.DataSecurity, false, "We removed it late but the claim was true.", advertiserActor, now);
            var file = EvidenceFile.Attach(CaseKind.ReviewRequest, request.Id, advertiser.Organisation.Id, "logistics.csv", FileKind.Text, 100, new string('a', 64), advertiserActor, now);
            db.EvidenceFiles.Add(file);
            request.AttachEvidence(EvidenceKind.BusinessLegitimacyProof, file.Id, EvidenceCheckResult.Pass(Fact.Of(FactKind.ListMeasured, EventValues.Of(EventValue.Rows, 12).With(EventValue.Orders, 12).With(EventValue.Tracked, 12).With(EventValue.Noun, "case"))), advertiserActor, now);
            request.Submit(advertiserActor, PolicySettings.Defaults, now);
            request.Claim(reviewer, now);
            request.ReviewItem(EvidenceKind.BusinessLegitimacyProof, ReviewVerdict.Accepted, null, reviewer, now);
            db.ReviewRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });
        using var reviewerClient = await app.SignedInAsync(reviewerEmail);

        var approved = await reviewerClient.FollowAsync(await reviewerClient.PostFormAsync(
            $"/Staff/Appeals/Details/{appealId}", "button[formaction*=Approve]", new() { ["Decision.Reason"] = "The removal was late by minutes and the claim was accurate." }));

        Assert.Equal("approved", approved.TestId("appeal-status"));
        var restored = await app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotion.Id));
        Assert.Equal(PromotionStatus.Active, restored.Status);
        var sanction = await app.WithDbAsync(db => db.DeadlineSanctions.AsNoTracking().SingleAsync(s => s.DeadlineId == removal.Id));
        Assert.NotNull(sanction.LiftedAt);
        var timeline = await app.WithDbAsync(db => db.ComplaintEvents.AsNoTracking().SingleAsync(e => e.ComplaintId == filed.Id && e.Kind == ComplaintEventKind.Restored));
        Assert.Contains($"The ad plan {promotion.ExternalCampaignId} (Test promotion) is restored: active again.", Sentences.Of(timeline.Facts));
        Assert.Equal(1, await app.NoticeCountAsync(advertiser.Organisation.Id, "Lifted"));
    }

    [Theory]
    [InlineData(Region.Emea)]
    [InlineData(Region.NorthAmerica)]
    [InlineData(Region.LatinAmerica)]
    [InlineData(Region.AsiaPacific)]
    public async Task ALowTierUphold_TellsTheAdvertiserInTheAppAndByEmail_InEveryRegion_AndTheCorrectionIsDue48HoursAfterThatNotice(Region region)
    {
        var advertiser = await app.CreateAdvertiserAsync(region);
        var promotion = await RunningAsync(advertiser);
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.Ads[0].ExternalAdId));
        app.Clock.Advance(TimeSpan.FromHours(2));
        using var staff = await app.SupportAsync();

        await staff.UpholdAsync(filed.Id, ViolationTier.Low, "The ad promised next-day delivery; orders took three weeks.");

        var userId = await app.UserIdAsync(advertiser.Email);
        var notice = await app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == userId && n.Title.StartsWith("Violation recorded")));
        Assert.Contains(filed.Reference, notice.Title);
        Assert.Equal("/Ace", notice.Link);
        var email = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == advertiser.Email && m.Subject.Contains("Violation recorded")));
        Assert.Contains(filed.Reference, email.Subject);
        Assert.Contains("/Ace", email.Body);
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.ComplaintId == filed.Id));
        var correction = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().SingleAsync(d => d.ViolationId == violation.Id && d.Kind == DeadlineKind.CorrectSimilarContent));
        Assert.Equal(notice.CreatedAt, violation.NotifiedAt);
        Assert.Equal(notice.CreatedAt.AddHours(48), correction.DueAt);
    }

    [Fact]
    public async Task ANewComplaintNotice_QuotesTheComplaintsRealReference()
    {
        var advertiser = await app.CreateAdvertiserAsync(Region.LatinAmerica);
        var promotion = await RunningAsync(advertiser);

        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId));

        var titles = await app.WithDbAsync(db => (from n in db.Notifications join u in db.Users on n.UserId equals u.Id where u.OrganisationId == advertiser.Organisation.Id select n.Title).ToListAsync());
        Assert.Contains($"New complaint {filed.Reference}: Slow after-sales service", titles);
        Assert.DoesNotContain(titles, t => t.Contains("AC-0", StringComparison.Ordinal));
        var subjects = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == advertiser.Email).Select(m => m.Subject).ToListAsync());
        Assert.Contains(subjects, s => s.Contains(filed.Reference, StringComparison.Ordinal));
        var queued = await app.WithDbAsync(db => db.QueueItems.AsNoTracking().SingleAsync(q => q.CaseId == filed.Id));
        Assert.Equal(filed.Reference, queued.Reference);
    }

    [Fact]
    public async Task TheSanctionDesk_RecordsAViolationFromAnEvaluation_AndLiftsItsSuspension_EachWithAReasonTheAdvertiserSees()
    {
        var advertiser = await app.CreateAdvertiserAsync(Region.AsiaPacific);
        var promotion = await RunningAsync(advertiser);
        using var support = await app.SupportAsync();
        using var client = await app.SignedInAsync(advertiser.Email);
        var page = $"/Staff/Accounts/Details/{advertiser.Account.Id}";

        var noReason = await support.PostFormAsync(page, "form[data-testid=record-form]", new() { ["Desk.Tier"] = "High", ["Desk.Category"] = "FalsePromotionOrScam" });
        Assert.Equal(HttpStatusCode.OK, noReason.Status);
        Assert.Contains("Give the reason", noReason.FieldError("Desk.Reason"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Violations.CountAsync(v => v.AdAccountId == advertiser.Account.Id)));

        var recorded = await support.PostFormAsync(page, "form[data-testid=record-form]", new()
        {
            ["Desk.Tier"] = "High",
            ["Desk.Category"] = "FalsePromotionOrScam",
            ["Desk.AdId"] = promotion.Ads[0].Id.ToString(),
            ["Desk.PenaltyFromRefusedRefund"] = "true",
            ["Desk.Reason"] = "An ACE evaluation found refunds refused on most orders.",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.AdAccountId == advertiser.Account.Id));
        Assert.Null(violation.ComplaintId);
        Assert.True(violation.PenaltyFromRefusedRefund);
        Assert.Equal(AdStatus.Removed, (await app.AdAsync(promotion.Ads[0].Id)).Status);
        Assert.Equal(1, await app.NoticeCountAsync(advertiser.Organisation.Id, $"Suspension warning {violation.Reference}"));
        Assert.Contains("suspended until", (await client.GetAsync("/Ace")).TestId("standing"));

        var lifted = await support.FollowAsync(await support.PostFormAsync(page, "form[data-testid=lift-form]", new()
        {
            ["Desk.Target"] = $"v:{violation.Id}",
            ["Desk.Reason"] = "The evaluation sampled another shop's orders.",
        }));

        Assert.Contains("is lifted", lifted.Text);
        Assert.Equal("This ad account is in good standing.", lifted.TestId("standing"));
        var history = lifted.TestId("history");
        Assert.Contains("The evaluation sampled another shop's orders.", history);
        Assert.Contains("Sam Support", history);
        var ace = await client.GetAsync("/Ace");
        Assert.Equal("This ad account is in good standing.", ace.TestId("standing"));
        Assert.Contains("The evaluation sampled another shop's orders.", ace.TestId("history"));
        Assert.Equal(1, await app.NoticeCountAsync(advertiser.Organisation.Id, $"Lifted {violation.Reference}"));
        var stillOnRecord = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.Id == violation.Id));
        Assert.True(stillOnRecord.IsActive);

        // The ad the violation removed is reinstated separately, with its own reason.
        var reinstated = await support.PostFormAsync(page, "form[data-testid=reinstate-ad-form]", new()
        {
            ["Desk.AdId"] = promotion.Ads[0].Id.ToString(),
            ["Desk.Reason"] = "The ad itself was accurate.",
        });
        Assert.Equal(HttpStatusCode.Redirect, reinstated.Status);
        Assert.Equal(AdStatus.Active, (await app.AdAsync(promotion.Ads[0].Id)).Status);
        Assert.Equal("Active — delivering", Regex.Replace((await client.GetAsync($"/Promotions/Details/{promotion.Id}")).TestId("delivery"), @"\s+", " "));
    }

    [Fact]
    public async Task AReviewer_ReadsTheDesk_ButCannotAct()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var reviewer = await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer));
        var page = $"/Staff/Accounts/Details/{advertiser.Account.Id}";

        var read = await reviewer.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Null(read.Document.QuerySelector("form[data-testid=record-form]"));

        var token = read.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await reviewer.PostAsync($"{page}?handler=Record", [new("__RequestVerificationToken", token), new("Desk.Tier", "Critical"), new("Desk.Category", "IllegalOrFraudulent"), new("Desk.Reason", "No.")]);
        Assert.Contains("AccessDenied", refused.Location ?? string.Empty);
        Assert.Equal(0, await app.WithDbAsync(db => db.Violations.CountAsync(v => v.AdAccountId == advertiser.Account.Id)));
        using var support = await app.SupportAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/Staff/Accounts/Details/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task WhatAWithdrawalLifted_IsStoredAsFacts_AndEachReaderReadsItInTheirOwnLanguage()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await RunningAsync(advertiser);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.Ads[0].ExternalAdId));
        using var support = await app.SupportAsync();
        await support.UpholdAsync(filed.Id, ViolationTier.Low);
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // the history is read in time order: the withdrawal comes after the upholding
        using var complainant = app.CreateAppClient();
        await complainant.WithdrawAsync(filed);

        // No sentence of ours is stored: the history lines, the complaint's "restored" event and the ended deadlines keep facts.
        var history = await app.WithDbAsync(db => db.EnforcementEvents.AsNoTracking().Where(e => e.AdAccountId == advertiser.Account.Id).OrderBy(e => e.At).ToListAsync());
        Assert.Equal([EnforcementEventKind.ViolationRecorded, EnforcementEventKind.Restored], history.Select(e => e.Kind));
        Assert.All(history, e => Assert.Null(e.Text));
        Assert.Equal(FactKind.ComplaintWithdrawn, history[1].Facts[0].Kind);
        Assert.Equal(filed.Reference, history[1].Facts[0][EventValue.Complaint]);
        Assert.Contains(history[1].Facts, f => f.Kind == FactKind.ViolationOffRecord && f[EventValue.Strike] == "true");
        Assert.Contains(history[1].Facts, f => f.Kind == FactKind.SuspensionLifted);
        var restored = await app.WithDbAsync(db => db.ComplaintEvents.AsNoTracking().SingleAsync(e => e.ComplaintId == filed.Id && e.Kind == ComplaintEventKind.Restored));
        Assert.Equal(history[1].Facts, restored.Facts!);
        var deadlines = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().Where(d => d.ComplaintId == filed.Id).ToListAsync());
        Assert.All(deadlines, d => Assert.True(d.Outcome is { Count: > 0 } && d.OutcomeText is null, $"{d.Kind}: {d.OutcomeText}"));

        // The advertiser reads Spanish; the staff member who opens the account reads English — the same rows.
        await app.SetLanguageAsync(advertiser.Email, "es");
        using var client = await app.SignedInAsync(advertiser.Email);
        var spanish = (await client.GetAsync("/Ace")).TestId("history");
        Assert.Contains($"El denunciante retiró la queja {filed.Reference}.", spanish, StringComparison.Ordinal);
        Assert.Contains("y su advertencia ya no constan en el historial", spanish, StringComparison.Ordinal);
        Assert.Contains("registrada por la queja", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("off the record", spanish, StringComparison.Ordinal);
        var english = (await support.GetAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}")).TestId("history");
        Assert.Contains($"The complainant withdrew complaint {filed.Reference}.", english, StringComparison.Ordinal);
        Assert.Contains("and its strike are off the record", english, StringComparison.Ordinal);
        Assert.Contains($"recorded on complaint {filed.Reference}", english, StringComparison.Ordinal);
        var timeline = (await support.GetAsync($"/Staff/Complaints/Details/{filed.Id}")).Text;
        Assert.Contains("and its strike are off the record", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhyAPlanAndAnAdStopped_AndWhyWhatRestedOnTheComplaintEnded_AreStoredAsFacts_AndEachReaderReadsThemInTheirOwnLanguage()
    {
        var (advertiser, promotion, filed, removal) = await PlanCancelledForAMissedDeadlineAsync();

        // Why the plan and the ad stopped: facts, no sentence.
        var cancelled = await app.WithDbAsync(db => db.Promotions.AsNoTracking().Include(p => p.Ads).SingleAsync(p => p.Id == promotion.Id));
        Assert.Null(cancelled.StatusReason);
        Assert.Equal(Fact.Of(FactKind.PlanCancelledForMissedDeadline, EventValues.Of(EventValue.Complaint, filed.Reference)), cancelled.StatusWhy);
        Assert.Null(cancelled.Ads[0].StatusReason);
        Assert.Equal(FactKind.AdRemovedAtMissedDeadline, cancelled.Ads[0].StatusWhy?.Kind);

        // The advertiser reads Spanish on the promotion's page; the staff member reads English on the account's desk.
        await app.SetLanguageAsync(advertiser.Email, "es");
        using var client = await app.SignedInAsync(advertiser.Email);
        var page = await client.GetAsync($"/Promotions/Details/{promotion.Id}");
        var reasons = string.Join(" | ", page.Document.QuerySelectorAll("[data-testid=delivery-reason]").Select(e => e.TextContent.Trim()));
        Assert.Contains($"Plan de anuncios cancelado: se incumplió un plazo de la queja {filed.Reference}.", reasons, StringComparison.Ordinal);
        Assert.Contains("Retirado por AdPolicy: el plazo para retirarlo venció el", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("deadline", reasons, StringComparison.OrdinalIgnoreCase);
        using var support = await app.SupportAsync();
        var desk = (await support.GetAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}")).Text;
        Assert.Contains($"Ad plan cancelled: a deadline on complaint {filed.Reference} was missed.", desk, StringComparison.Ordinal);
        Assert.Contains("Removed by AdPolicy: the deadline to remove it passed on", desk, StringComparison.Ordinal);

        // The complainant withdraws: the violation and the missed deadline's sanction keep why they ended as a fact too.
        using var complainant = app.CreateAppClient();
        await complainant.WithdrawAsync(filed);
        var withdrawn = Fact.Of(FactKind.ComplaintWithdrawn, EventValues.Of(EventValue.Complaint, filed.Reference));
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.ComplaintId == filed.Id));
        Assert.Null(violation.RemovedReason);
        Assert.Equal(withdrawn, violation.RemovedWhy);
        var sanction = await app.WithDbAsync(db => db.DeadlineSanctions.AsNoTracking().SingleAsync(s => s.DeadlineId == removal.Id));
        Assert.Null(sanction.LiftReason);
        Assert.Equal(withdrawn, sanction.LiftWhy);

        var spanish = (await client.GetAsync("/Ace")).TestId("violations");
        Assert.Contains($"(El denunciante retiró la queja {filed.Reference}.)", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("withdrew", spanish, StringComparison.Ordinal);
        var english = (await support.GetAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}")).Text;
        Assert.Contains($"(The complainant withdrew complaint {filed.Reference}.)", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReopeningAnUpheldDecision_LiftsItsStrikeAndSuspension_AndPutsTheComplaintBackInReview()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await RunningAsync(advertiser);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.Ads[0].ExternalAdId));
        using var support = await app.SupportAsync();
        await support.UpholdAsync(filed.Id, ViolationTier.Low);
        using var client = await app.SignedInAsync(advertiser.Email);
        Assert.Contains("suspended until", (await client.GetAsync("/Ace")).TestId("standing"));

        var reopened = await support.FollowAsync(await support.PostFormAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}", "form[data-testid=reopen-form]", new()
        {
            ["Desk.ComplaintId"] = filed.Id.ToString(),
            ["Desk.Reason"] = "The rights holder's registration covers another class of goods.",
        }));

        Assert.Contains("back in review", reopened.Text);
        Assert.Equal("This ad account is in good standing.", (await client.GetAsync("/Ace")).TestId("standing"));
        Assert.Equal(AdStatus.Active, (await app.AdAsync(promotion.Ads[0].Id)).Status);
        var complaint = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == filed.Id));
        Assert.Equal(ComplaintStatus.InReview, complaint.Status);
        Assert.NotNull(await app.WithDbAsync(db => db.QueueItems.AsNoTracking().SingleOrDefaultAsync(q => q.CaseId == filed.Id)));
        var history = await app.WithDbAsync(db => db.EnforcementEvents.AsNoTracking().Where(e => e.AdAccountId == advertiser.Account.Id).ToListAsync());
        Assert.Contains(history, e => e.Reason == "The rights holder's registration covers another class of goods." && e.ActorName == "Sam Support");
    }

    [Fact]
    public async Task AMissedDeadlineOfAViolationFromAnEvaluation_TellsTheStaffWhoRecordedIt()
    {
        var advertiser = await app.CreateAdvertiserAsync(Region.NorthAmerica);
        var supportEmail = await app.CreateUserAsync(Roles.Support, name: "Eve Evaluator");
        using var support = await app.SignedInAsync(supportEmail);
        await support.PostFormAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}", "form[data-testid=record-form]", new()
        {
            ["Desk.Tier"] = "Medium",
            ["Desk.Category"] = "SlowAfterSales",
            ["Desk.Reason"] = "Deliveries average five weeks against two promised.",
        });
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.AdAccountId == advertiser.Account.Id));

        app.Clock.Advance(TimeSpan.FromHours(49));
        await app.SweepAsync<AceDeadlineSweep>();

        var staffId = await app.UserIdAsync(supportEmail);
        var told = await app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == staffId && n.Title.Contains("deadline missed")));
        Assert.Contains(violation.Reference, told.Title);
        Assert.Equal(1, await app.NoticeCountAsync(advertiser.Organisation.Id, $"Deadline missed {violation.Reference}"));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == advertiser.Email && m.Subject.Contains("Deadline missed"))));
    }

    [GeneratedRegex(@"Active\s*—\s*delivering")]
    private static partial Regex DeliveringPattern();
}
