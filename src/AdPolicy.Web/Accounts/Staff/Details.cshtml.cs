using AdPolicy.Web.Localisation;
using System.Globalization;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Accounts.Staff;

/// <summary>A sanction the desk can lift or shorten: its key ("v:" violation or "d:" missed deadline) and what it is.</summary>
public sealed record SanctionChoice(string Key, string Label, DateTimeOffset? EndsAt);

/// <summary>An upheld complaint of the account whose decision staff may reopen.</summary>
public sealed record UpheldChoice(Guid Id, string Reference, ViolationTier? Tier, ProhibitedCategory Category);

/// <summary>
/// An ad account for staff (any staff member reads; Support and Admin act): its derived standing and record, whether
/// each promotion delivers, its enforcement history, the shop quality score (SPEC 3.4), and the sanction desk
/// (SPEC 3.2, staff corrections): record a violation from an ACE evaluation, lift or shorten a sanction, reinstate an ad
/// or an ad plan, reopen an upheld decision, set where a penalty came from. Each needs a reason, is audited, shown to
/// the advertiser and notified; the ladder and the standing recompute because they are derived.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    AceStandings standings,
    AceNotices notices,
    EnforcementDesk enforcement,
    ComplaintDesk complaints,
    IAuthorizationService authorization,
    IValidator<DetailsModel.ScoreInput> validator,
    IStringLocalizer<DetailsModel> text,
    IValidator<DetailsModel.DeskInput> deskValidator,
    Localisation.Reader reader) : PageModel, ICasePage<Guid>
{
    public AccountRecord Record { get; private set; } = null!;

    public string OrganisationName { get; private set; } = string.Empty;

    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    public Deliveries Delivery { get; private set; } = Deliveries.None;

    public IReadOnlyList<EnforcementEvent> History { get; private set; } = [];

    public IReadOnlyList<SanctionChoice> Sanctions { get; private set; } = [];

    public IReadOnlyList<UpheldChoice> Upheld { get; private set; } = [];

    /// <summary>Support and Admin act on the desk; Reviewers read.</summary>
    public bool MayAct { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>The desk form the posted input belongs to, so its errors show under it.</summary>
    public string? ActiveForm { get; private set; }

    [BindProperty]
    public ScoreInput Score { get; set; } = new();

    [BindProperty]
    public DeskInput Desk { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostScoreAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Support)).Succeeded)
        {
            return Forbid();
        }

        var account = await db.AdAccounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        ActiveForm = "Score";
        if (!await validator.ValidateIntoAsync(Score, ModelState, "Score"))
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var wasLimited = account.ShopQualityScore < policy.ShopQualityThreshold;
        account.SetShopQualityScore(Score.Value!.Value, clock.GetUtcNow());
        if (account.ShopQualityScore < policy.ShopQualityThreshold && !wasLimited)
        {
            await notices.ReachLimitedAsync(account, policy, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = text["Shop quality score set to {0}.", Score.Value!].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Records a violation from an ACE evaluation: no complaint, never a strike; the advertiser is told and the 48-hour correction starts.</summary>
    public Task<IActionResult> OnPostRecordAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Record", async (account, staff, now, ct) =>
        {
            Guid? adId = null;
            if (Desk.AdId is { } chosen)
            {
                adId = await AdsOf(account.Id).Where(a => a.Id == chosen).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
                if (adId is null)
                {
                    ModelState.AddModelError("Desk.AdId", text["Choose one of this account's ads, or none."]);
                    return null;
                }
            }

            var (policy, _) = await policies.CurrentAsync(ct);
            var violation = Violation.Record(account.Id, account.OrganisationId, adId, Desk.Category!.Value, Desk.Tier!.Value, Desk.Reason, staff, now, Desk.PenaltyFromRefusedRefund);
            var ads = adId is null ? [] : await db.Ads.Where(a => a.Id == adId).ToListAsync(ct);
            await enforcement.RecordViolationAsync(violation, ads, null, staff, policy, now, ct);
            await db.SaveChangesAsync(ct);
            return text["{0}: {1} violation recorded; the advertiser was told.", violation.Reference, text[TierConsequences.Label(violation.Tier)].Value.ToLower(CultureInfo.CurrentCulture)].Value;
        }, cancellationToken);

    /// <summary>Lifts a sanction now, or shortens it to end at <see cref="DeskInput.EndsAt"/> (on the staff member's clock).</summary>
    public Task<IActionResult> OnPostLiftAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Lift", async (account, staff, now, ct) =>
        {
            DateTimeOffset? endsAt = DeskInput.ParseLocal(Desk.EndsAt) is { } local ? reader.FromLocal(local) : null;
            var (kind, targetId) = DeskInput.ParseTarget(Desk.Target);
            IReadOnlyList<Fact> done;
            if (kind == 'v' && await db.Violations.FirstOrDefaultAsync(v => v.Id == targetId && v.AdAccountId == account.Id, ct) is { } violation)
            {
                done = await enforcement.ChangeViolationSanctionAsync(violation, endsAt, staff, Desk.Reason.Trim(), now, ct);
            }
            else if (kind == 'd' && await db.Deadlines.AsNoTracking().AnyAsync(d => d.Id == targetId && d.AdAccountId == account.Id, ct))
            {
                done = endsAt is { } end
                    ? [await enforcement.ShortenMissedDeadlineAsync(targetId, end, staff, Desk.Reason.Trim(), now, ct)]
                    : await enforcement.LiftMissedDeadlinesAsync(
                        d => d.Id == targetId, await notices.ReferenceAsync(await db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == targetId, ct), ct),
                        Fact.Of(FactKind.StaffLifted), staff, Desk.Reason.Trim(), now, ct);
            }
            else
            {
                ModelState.AddModelError("Desk.Target", text["Choose one of this account's sanctions in force."]);
                return null;
            }

            await db.SaveChangesAsync(ct);
            return done.Count == 0 ? text["Nothing was in force any more."].Value : Sentences.Of(done);
        }, cancellationToken);

    public Task<IActionResult> OnPostReinstateAdAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "ReinstateAd", async (account, staff, now, ct) =>
        {
            var ad = await AdsOf(account.Id).FirstOrDefaultAsync(a => a.Id == Desk.AdId, ct);
            if (ad is null)
            {
                ModelState.AddModelError("Desk.AdId", text["Choose one of this account's ads."]);
                return null;
            }

            var done = await enforcement.ReinstateAdAsync(ad, staff, Desk.Reason.Trim(), now, ct);
            await db.SaveChangesAsync(ct);
            return Sentences.Of(done);
        }, cancellationToken);

    public Task<IActionResult> OnPostReinstatePlanAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "ReinstatePlan", async (account, staff, now, ct) =>
        {
            var promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Id == Desk.PromotionId && p.AdAccountId == account.Id, ct);
            if (promotion is null)
            {
                ModelState.AddModelError("Desk.PromotionId", text["Choose one of this account's ad plans."]);
                return null;
            }

            var done = await enforcement.ReinstatePlanAsync(promotion, staff, Desk.Reason.Trim(), now, ct);
            await db.SaveChangesAsync(ct);
            return Sentences.Of(done);
        }, cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Reopen", async (account, staff, now, ct) =>
        {
            var complaint = await db.AceComplaints.FirstOrDefaultAsync(c => c.Id == Desk.ComplaintId && c.AdAccountId == account.Id, ct);
            if (complaint is null)
            {
                ModelState.AddModelError("Desk.ComplaintId", text["Choose one of this account's upheld complaints."]);
                return null;
            }

            var restored = await complaints.ReopenAsync(complaint, Desk.Reason, staff, ct);
            return $"{text["The decision on {0} is reopened; it is back in review.", complaint.Reference]} {Sentences.Of(restored)}".TrimEnd();
        }, cancellationToken);

    /// <summary>Sets whether a violation's penalty came from a refused refund or return (it decides an appeal's evidence).</summary>
    public Task<IActionResult> OnPostRefundOriginAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "RefundOrigin", async (account, staff, now, ct) =>
        {
            var violation = await db.Violations.FirstOrDefaultAsync(v => v.Id == Desk.ViolationId && v.AdAccountId == account.Id, ct);
            if (violation is null)
            {
                ModelState.AddModelError("Desk.ViolationId", text["Choose one of this account's violations."]);
                return null;
            }

            violation.SetRefundOrigin(Desk.PenaltyFromRefusedRefund, staff);
            var what = Fact.Of(FactKind.RefundOrigin, EventValues.Of(EventValue.Violation, violation.Reference).With(EventValue.FromRefusedRefund, Desk.PenaltyFromRefusedRefund));
            await enforcement.RecordCorrectionAsync(account, EnforcementEventKind.RefundOriginSet, violation.Reference, what, staff, Desk.Reason.Trim(), violation.Id, violation.ComplaintId, now, ct);
            await db.SaveChangesAsync(ct);
            return text["Recorded: {0}", Sentences.Of(what)].Value;
        }, cancellationToken);

    /// <summary>Support and Admin only; the input validated next to its fields; post/redirect/get (a broken rule or a conflict is <see cref="CasePageFilter"/>'s).</summary>
    private async Task<IActionResult> ActAsync(Guid id, string form, Func<AdAccount, Actor, DateTimeOffset, CancellationToken, Task<string?>> action, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Support)).Succeeded)
        {
            return Forbid();
        }

        var account = await db.AdAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        ActiveForm = form;
        Desk.Form = form;
        var done = await deskValidator.ValidateIntoAsync(Desk, ModelState, "Desk")
            ? await action(account, User.AsStaff(), clock.GetUtcNow(), cancellationToken)
            : null;
        return await CasePageFilter.AnswerAsync(this, id, done, cancellationToken);
    }

    public Task ReloadAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public string? LatestChange => History.Count == 0 ? null : CasePageFilter.Said($"{Display.Words(History[0].Kind)}: {Sentences.Of(History[0])}", History[0].ActorName, History[0].At);

    public string ThisCase => "this account's record";

    private IQueryable<Ad> AdsOf(Guid accountId) =>
        db.Ads.Where(a => db.Promotions.Any(p => p.Id == a.PromotionId && p.AdAccountId == accountId));

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var account = await db.AdAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return false;
        }

        Record = await standings.ForAccountAsync(account, cancellationToken);
        OrganisationName = await db.Organisations.Where(o => o.Id == account.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        Promotions = await db.Promotions.AsNoTracking().Include(p => p.Ads)
            .Where(p => p.AdAccountId == id)
            .OrderBy(p => p.ExternalCampaignId)
            .Take(100)
            .ToListAsync(cancellationToken);
        Delivery = await standings.DeliveryOfAsync([.. Promotions], cancellationToken);
        History = await db.EnforcementEvents.AsNoTracking()
            .Where(e => e.AdAccountId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        var violations = Record.Violations.ToDictionary(v => v.Id);
        Sanctions = [.. Record.Standing.InForce
            .Where(s => s.ViolationId is not null || s.DeadlineId is not null)
            .Select(s => new SanctionChoice(
                s.ViolationId is { } v ? $"v:{v}" : $"d:{s.DeadlineId}",
                $"{(s.ViolationId is { } vid && violations.TryGetValue(vid, out var found) ? found.Reference + ": " : string.Empty)}{s.Why}",
                s.EndsAt))
            .DistinctBy(s => s.Key)];
        Upheld = await db.AceComplaints.AsNoTracking()
            .Where(c => c.AdAccountId == id && c.Status == ComplaintStatus.Upheld)
            .OrderByDescending(c => c.DecidedAt)
            .Select(c => new UpheldChoice(c.Id, AceComplaint.FormatReference(c.Number), c.Tier, c.Category))
            .Take(100)
            .ToListAsync(cancellationToken);
        MayAct = (await authorization.AuthorizeAsync(User, Policies.Support)).Succeeded;
        return true;
    }

    public sealed class ScoreInput
    {
        public int? Value { get; set; }
    }

    public sealed class ScoreValidator : AbstractValidator<ScoreInput>
    {
        public ScoreValidator(IStringLocalizer<DetailsModel> text)
        {
            RuleFor(x => x.Value).NotNull().WithMessage(_ => text["Enter the score, a whole number from 0 to 100."])
                .InclusiveBetween(0, 100).WithMessage(_ => text["A shop quality score is a whole number from 0 to 100."]);
        }
    }

    /// <summary>What the desk's forms post; each form sends its own fields and a reason.</summary>
    public sealed class DeskInput
    {
        public ViolationTier? Tier { get; set; }

        public ProhibitedCategory? Category { get; set; }

        public Guid? AdId { get; set; }

        public Guid? PromotionId { get; set; }

        public Guid? ComplaintId { get; set; }

        public Guid? ViolationId { get; set; }

        public bool PenaltyFromRefusedRefund { get; set; }

        /// <summary>The sanction: "v:" and a violation id, or "d:" and a missed deadline's id.</summary>
        public string? Target { get; set; }

        /// <summary>For a shortening: the new end, yyyy-MM-ddTHH:mm in the staff member's time zone; empty lifts it now.</summary>
        public string? EndsAt { get; set; }

        public string Reason { get; set; } = string.Empty;

        internal string Form { get; set; } = string.Empty;

        /// <summary>A wall-clock time as typed (no zone: the page reads it in the person's own).</summary>
        public static DateTime? ParseLocal(string? text) =>
            DateTime.TryParseExact(text?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? DateTime.SpecifyKind(at, DateTimeKind.Unspecified)
                : null;

        public static (char Kind, Guid Id) ParseTarget(string? target) =>
            target is { Length: > 2 } t && t[1] == ':' && t[0] is 'v' or 'd' && Guid.TryParse(t[2..], out var id) ? (t[0], id) : ('?', Guid.Empty);
    }

    public sealed class DeskValidator : AbstractValidator<DeskInput>
    {
        public DeskValidator(IStringLocalizer<DetailsModel> text)
        {
            RuleFor(x => x.Reason)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => text["Give the reason: the advertiser reads it, and it is kept in the audit trail."])
                .MaximumLength(EnforcementEvent.ReasonMaxLength).WithMessage(_ => text["Keep the reason under {0} characters.", EnforcementEvent.ReasonMaxLength]);
            When(x => x.Form == "Record", () =>
            {
                RuleFor(x => x.Tier).NotNull().WithMessage(_ => text["Choose the violation's tier."]).IsInEnum().WithMessage(_ => text["Choose the violation's tier."]);
                RuleFor(x => x.Category).NotNull().WithMessage(_ => text["Choose the category of prohibited behaviour."]).IsInEnum().WithMessage(_ => text["Choose the category of prohibited behaviour."]);
            });
            When(x => x.Form == "Lift", () =>
            {
                RuleFor(x => x.Target).Must(t => DeskInput.ParseTarget(t).Kind != '?').WithMessage(_ => text["Choose the sanction to lift or shorten."]);
                RuleFor(x => x.EndsAt)
                    .Must(e => string.IsNullOrWhiteSpace(e) || DeskInput.ParseLocal(e) is not null)
                    .WithMessage(_ => text["Give the new end as a date and time, or leave it empty to lift the sanction now."]);
            });
            When(x => x.Form == "ReinstateAd", () => RuleFor(x => x.AdId).NotNull().WithMessage(_ => text["Choose the ad to reinstate."]));
            When(x => x.Form == "ReinstatePlan", () => RuleFor(x => x.PromotionId).NotNull().WithMessage(_ => text["Choose the ad plan to reinstate."]));
            When(x => x.Form == "Reopen", () => RuleFor(x => x.ComplaintId).NotNull().WithMessage(_ => text["Choose the upheld complaint to reopen."]));
            When(x => x.Form == "RefundOrigin", () => RuleFor(x => x.ViolationId).NotNull().WithMessage(_ => text["Choose the violation."]));
        }
    }
}
