using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Accounts;

/// <summary>
/// A complaint against the advertiser as they see it (SPEC 3.1): a user complainant only by pseudonym, never their
/// name or email; a rights holder and its representative by name.
/// </summary>
public sealed record ComplaintLine(
    Guid Id,
    string Reference,
    ComplaintType Type,
    ProhibitedCategory Category,
    ComplaintStatus Status,
    DateTimeOffset FiledAt,
    string Complainant,
    string CampaignId,
    string? AdId,
    string Description,
    ViolationTier? Tier,
    string? DecisionReason,
    DateTimeOffset? ContestedAt = null)
{
    /// <summary>The conversation with the complainant: the advertiser's messages and the complainant's replies, oldest first.</summary>
    public IReadOnlyList<ComplaintEvent> Conversation { get; init; } = [];
}

/// <summary>
/// The advertiser's ACE page (SPEC 3, 6): for each of their organisation's ad accounts, the standing the ladder derives
/// and why, violations, strikes and when they clear, deadlines with the actions that meet them, notices, the EMEA
/// real-time summary, and the complaints against them.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class IndexModel(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    AceStandings standings,
    ComplaintDesk desk,
    AceNotices notices,
    CaseAttachments attachments,
    IStringLocalizer<IndexModel> text) : PageModel
{
    /// <summary>Complaints are shown this many at a time, newest first, with a link to older ones.</summary>
    public const int PageSize = 20;

    /// <summary>An account's violations are shown this many at a time, newest first, with a link to older ones.</summary>
    public const int ViolationPageSize = 25;

    /// <summary>An account's history is shown this many entries at a time, newest first, with a link to older ones.</summary>
    public const int HistoryPageSize = 20;

    /// <summary>Besides the sanctions in force, this many of the newest ended ones are shown, with a link to all of them.</summary>
    public const int EndedSanctionsShown = 10;

    /// <summary>At most this many ads can be named in one correction.</summary>
    public const int CorrectionAdsMax = 100;

    public const int CorrectionNoteMaxLength = 1000;

    public IReadOnlyList<AccountRecord> Accounts { get; private set; } = [];

    /// <summary>The account whose violations <see cref="ViolationsAfter"/> pages (the others show their newest).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    [Cursor<Guid>]
    public string? ViolationsAfter { get; set; }

    [BindProperty(SupportsGet = true)]
    [Cursor<Guid>]
    public string? ComplaintsAfter { get; set; }

    /// <summary>The cursor of the page of <see cref="Account"/>'s history shown (the others show their newest).</summary>
    [BindProperty(SupportsGet = true)]
    [Cursor<Guid>]
    public string? HistoryAfter { get; set; }

    /// <summary>
    /// The complaint whose cooperation form is shown (issue 17: a form under each of 20 complaints was 40 % of the page;
    /// each complaint that can still take a message links here instead).
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Write { get; set; }

    /// <summary>Shows every sanction of <see cref="Account"/>, not only those in force and the newest ended ones.</summary>
    [BindProperty(SupportsGet = true)]
    public bool AllSanctions { get; set; }

    /// <summary>Each account's sanctions as shown: all in force and the newest ended ones (all of them with <see cref="AllSanctions"/>), oldest first.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<Sanction>> SanctionsShown { get; private set; } = new Dictionary<Guid, IReadOnlyList<Sanction>>();

    /// <summary>The cursor of each account's next, older page of history; absent on the last page.</summary>
    public IReadOnlyDictionary<Guid, string> OlderHistory { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Each account's page of violations (newest first) and the cursor of the next, older page.</summary>
    public IReadOnlyDictionary<Guid, ViolationPage> ViolationPages { get; private set; } = new Dictionary<Guid, ViolationPage>();

    /// <summary>The cursor of the next, older page of complaints; null on the last page.</summary>
    public string? OlderComplaints { get; private set; }

    public IReadOnlyList<ComplaintLine> Complaints { get; private set; } = [];

    /// <summary>The ads the running deadlines name.</summary>
    public IReadOnlyDictionary<Guid, Ad> Ads { get; private set; } = new Dictionary<Guid, Ad>();

    /// <summary>Each account's enforcement history, a page of it newest first: what was recorded, lifted, restored or corrected, by whom, when and why.</summary>
    public ILookup<Guid, EnforcementEvent> History { get; private set; } = Array.Empty<EnforcementEvent>().ToLookup(e => e.AdAccountId);

    public PolicySettings Policy { get; private set; } = PolicySettings.Defaults;

    public DateTimeOffset Now { get; private set; }

    [BindProperty]
    public CaseMessageInput Message { get; set; } = new();

    [BindProperty]
    public CorrectionInput Correction { get; set; } = new();

    /// <summary>The form the posted input belongs to, so errors show under it.</summary>
    public Guid? ActiveForm { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Meets a removal deadline: the advertiser takes the ads down themselves.</summary>
    public Task<IActionResult> OnPostRemoveAdAsync(Guid deadlineId, CancellationToken cancellationToken) =>
        OnDeadlineAsync(deadlineId, DeadlineKind.RemoveContent, async (deadline, now, ct) =>
        {
            var ads = await AdsOfAsync(deadline, ct);
            deadline.Meet(Fact.Of(FactKind.AdvertiserRemovedAds, EventValues.Of(EventValue.Ads, string.Join(", ", ads.Select(a => a.ExternalAdId)))), now);
            foreach (var ad in ads.Where(a => a.Status != AdStatus.Removed))
            {
                ad.RemoveByAdvertiser(now);
            }

            return text["The ad was removed; the deadline is met."].Value;
        }, cancellationToken);

    /// <summary>Meets a correction deadline: the advertiser confirms similar content corrected, naming the ads changed.</summary>
    // The validators are the POST handlers' own: built per request, they cost every view of the page (issue 17: 5 % of
    // its CPU went to compiling a validator's rules that a GET never uses).
    public Task<IActionResult> OnPostCorrectedAsync(Guid deadlineId, [FromServices] IValidator<CorrectionInput> correctionValidator, CancellationToken cancellationToken) =>
        OnDeadlineAsync(deadlineId, DeadlineKind.CorrectSimilarContent, async (deadline, now, ct) =>
        {
            if (!await correctionValidator.ValidateIntoAsync(Correction, ModelState, "Correction"))
            {
                return null;
            }

            var organisationId = User.OrganisationId()!.Value;
            var named = Correction.AdIdentifiers();
            var changed = await db.Ads.AsNoTracking()
                .Where(a => named.Contains(a.ExternalAdId) && db.PromotionsOf(organisationId).Any(p => p.Id == a.PromotionId))
                .Select(a => a.ExternalAdId)
                .Distinct()
                .ToListAsync(ct);
            if (named.Except(changed).ToList() is [_, ..] unknown)
            {
                ModelState.AddModelError("Correction.Ads", text["Your accounts have no ad {0}. Check the ids on your promotions' pages.", string.Join(", ", unknown)]);
                return null;
            }

            deadline.Meet(Fact.Of(FactKind.SimilarContentCorrected, EventValues.Of(EventValue.Ads, string.Join(", ", changed)).With(EventValue.Note, Correction.Note)), now);
            return text["Thank you: the correction is recorded and the deadline is met."].Value;
        }, cancellationToken);

    /// <summary>
    /// The advertiser tells the complainant the outcome and shares evidence with them (SPEC 3.1, IP: 72 h);
    /// the files are marked visible on the complainant's tracking page.
    /// </summary>
    public async Task<IActionResult> OnPostCooperateAsync(Guid complaintId, [FromServices] IValidator<CaseMessageInput> messageValidator, CancellationToken cancellationToken)
    {
        ActiveForm = complaintId;
        var organisationId = User.OrganisationId()!.Value;
        var complaint = await db.AceComplaints.FirstOrDefaultAsync(c => c.Id == complaintId && c.OrganisationId == organisationId, cancellationToken);
        if (complaint is null)
        {
            return NotFound();
        }

        Message.RequiresText = true;
        if (!await messageValidator.ValidateIntoAsync(Message, ModelState, "Message"))
        {
            return await ReshowAsync(cancellationToken);
        }

        var errors = new FieldErrors();
        await using var staged = await attachments.StageAsync(Message.Files, errors, "Message.Files", cancellationToken);
        if (!ModelState.AddFieldErrors(errors))
        {
            return await ReshowAsync(cancellationToken);
        }

        var now = clock.GetUtcNow();
        var advertiser = User.AsAdvertiser();
        string status = text["Your message and files were sent to the complainant."];
        try
        {
            var message = complaint.SendCooperationMessage(Message.Text, advertiser, now);
            if (!message.VisibleToComplainant)
            {
                status = text["Your message was kept for AdPolicy staff but did not reach the complainant: their tracking link is suspended. It does not meet the deadline; send it again once staff have given the complainant a new link."];
            }
            else
            {
                notices.AdvertiserWroteToComplainant(complaint);
            }

            await staged.AttachAsync(db, CaseKind.AceComplaint, complaint.Id, organisationId, advertiser, now, _ => { }, cancellationToken, visibleToComplainant: message.VisibleToComplainant);
            var deadline = await db.Deadlines.FirstOrDefaultAsync(
                d => d.ComplaintId == complaint.Id && d.Kind == DeadlineKind.CooperateWithComplainant && d.State == DeadlineState.Pending,
                cancellationToken);
            if (deadline is not null && message.VisibleToComplainant)
            {
                try
                {
                    deadline.MeetByMessage(message, Fact.Of(FactKind.AdvertiserWroteToComplainant, EventValues.Of(EventValue.Files, staged.Count)), now);
                    status += " " + text["The deadline is met."];
                }
                catch (DomainRuleException late) when (late.Rule == RuleCodes.DeadlinePassed)
                {
                    status += $" {Sentences.Of(late)}";
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(rule);
            return await ReshowAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["This complaint changed while you were writing. This is its current state; check it and send again."]);
            return await ReshowAsync(cancellationToken);
        }

        TempData["Status"] = status;
        return RedirectToPage();
    }

    private async Task<IActionResult> OnDeadlineAsync(
        Guid deadlineId,
        DeadlineKind kind,
        Func<Deadline, DateTimeOffset, CancellationToken, Task<string?>> action,
        CancellationToken cancellationToken)
    {
        ActiveForm = deadlineId;
        var organisationId = User.OrganisationId()!.Value;
        var deadline = await db.Deadlines.FirstOrDefaultAsync(d => d.Id == deadlineId && d.OrganisationId == organisationId && d.Kind == kind, cancellationToken);
        if (deadline is null)
        {
            return NotFound();
        }

        string? done;
        try
        {
            done = await action(deadline, clock.GetUtcNow(), cancellationToken);
            if (done is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DomainRuleException rule)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(rule);
            done = null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["This deadline changed meanwhile (met, cancelled or missed). This is its current state."]);
            done = null;
        }

        if (done is null)
        {
            return await ReshowAsync(cancellationToken);
        }

        TempData["Status"] = done;
        return RedirectToPage();
    }

    private async Task<List<Ad>> AdsOfAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        if (deadline.ComplaintId is { } complaintId)
        {
            var complaint = await db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == complaintId, cancellationToken);
            return await desk.AdsConcernedAsync(complaint, cancellationToken);
        }

        return await db.Ads.Where(a => a.Id == deadline.AdId).ToListAsync(cancellationToken);
    }

    private async Task<IActionResult> ReshowAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        (Policy, _) = await policies.CurrentAsync(cancellationToken);
        var organisationId = User.OrganisationId()!.Value;
        var accounts = await AccountsOf(db, organisationId).ToListAsync(cancellationToken);
        Accounts = await standings.ForAccountsAsync(accounts, cancellationToken);
        await LoadHistoryAsync([.. accounts.Select(a => a.Id)], cancellationToken);
        var adIds = Accounts.SelectMany(r => r.PendingDeadlines).Select(d => d.AdId).OfType<Guid>().Distinct().ToArray();
        Ads = adIds.Length == 0 ? new Dictionary<Guid, Ad>() : await AdsNamed(db, organisationId, adIds).ToDictionaryAsync(a => a.Id, cancellationToken: cancellationToken);
        ViolationPages = Accounts.ToDictionary(r => r.Account.Id, r => PageOfViolations(r, r.Account.Id == Account ? ViolationsAfter : null));
        SanctionsShown = Accounts.ToDictionary(r => r.Account.Id, r => SanctionsToShow(r.Standing, all: AllSanctions && r.Account.Id == Account));

        var paged = Cursor.TryParse<Guid>(ComplaintsAfter, out var filedBefore, out var beforeId);
        var lines = await ComplaintLines(db, organisationId, paged, filedBefore, beforeId).ToListAsync(cancellationToken);
        var shown = lines.Take(PageSize).ToList();
        var ids = shown.Select(c => c.Id).ToArray();
        var conversation = (await ConversationsOf(db, ids).ToListAsync(cancellationToken)).ToLookup(e => e.ComplaintId);
        Complaints = [.. shown.Select(c => c with { Conversation = [.. conversation[c.Id]] })];
        OlderComplaints = lines.Count > PageSize ? Cursor.Format(Complaints[^1].FiledAt, Complaints[^1].Id) : null;
    }

    /// <summary>
    /// A page of each account's history in one statement: the newest <see cref="HistoryPageSize"/> entries of each (one
    /// more, to know whether there are older ones), and for <see cref="Account"/> those before <see cref="HistoryAfter"/>.
    /// </summary>
    private async Task LoadHistoryAsync(List<Guid> accountIds, CancellationToken cancellationToken)
    {
        var paged = Cursor.TryParse<Guid>(HistoryAfter, out var before, out var beforeId) ? Account : null;
        var page = await HistoryPage(db, [.. accountIds], paged, before, beforeId).ToListAsync(cancellationToken);

        // In the database's order: the cursor compares ids as PostgreSQL does.
        var byAccount = page.GroupBy(e => e.AdAccountId).ToDictionary(g => g.Key, g => g.ToList());
        History = byAccount.SelectMany(a => a.Value.Take(HistoryPageSize)).ToLookup(e => e.AdAccountId);
        OlderHistory = byAccount.Where(a => a.Value.Count > HistoryPageSize)
            .ToDictionary(a => a.Key, a => Cursor.Format(a.Value[HistoryPageSize - 1].At, a.Value[HistoryPageSize - 1].Id));
    }

    // The page's reads, compiled once (issue 17): translating each LINQ query and finding it in EF's cache on every view
    // cost more CPU than running it.
    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<AdPolicy.Domain.Accounts.AdAccount>> AccountsOf = EF.CompileAsyncQuery<AppDbContext, Guid, AdPolicy.Domain.Accounts.AdAccount>(
        (AppDbContext db, Guid organisationId) => db.AdAccounts.AsNoTracking().Where(a => a.OrganisationId == organisationId).OrderBy(a => a.Name));

    private static readonly Func<AppDbContext, Guid, Guid[], IAsyncEnumerable<Ad>> AdsNamed = EF.CompileAsyncQuery(
        (AppDbContext db, Guid organisationId, Guid[] adIds) => db.Ads.AsNoTracking()
            .Where(a => adIds.Contains(a.Id) && db.Promotions.Any(p => p.Id == a.PromotionId && db.AdAccounts.Any(x => x.Id == p.AdAccountId && x.OrganisationId == organisationId))));

    /// <summary>The newest <see cref="HistoryPageSize"/> entries of each account (one more, to know whether there are older ones); of <c>paged</c>, those before the cursor.</summary>
    private static readonly Func<AppDbContext, Guid[], Guid?, DateTimeOffset, Guid, IAsyncEnumerable<EnforcementEvent>> HistoryPage = EF.CompileAsyncQuery<AppDbContext, Guid[], Guid?, DateTimeOffset, Guid, EnforcementEvent>(
        (AppDbContext db, Guid[] accountIds, Guid? paged, DateTimeOffset before, Guid beforeId) => db.AdAccounts
            .Where(a => accountIds.Contains(a.Id))
            .SelectMany(a => db.EnforcementEvents.AsNoTracking()
                .Where(e => e.AdAccountId == a.Id)
                .Where(e => e.AdAccountId != paged || e.At < before || (e.At == before && e.Id.CompareTo(beforeId) < 0))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Take(HistoryPageSize + 1))
            .OrderBy(e => e.AdAccountId).ThenByDescending(e => e.At).ThenByDescending(e => e.Id));

    /// <summary>A page of complaints newest first (one more, to know whether there are older ones); when <c>paged</c>, those filed before the cursor.</summary>
    private static readonly Func<AppDbContext, Guid, bool, DateTimeOffset, Guid, IAsyncEnumerable<ComplaintLine>> ComplaintLines = EF.CompileAsyncQuery(
        (AppDbContext db, Guid organisationId, bool paged, DateTimeOffset filedBefore, Guid beforeId) => (
            from c in db.AceComplaints.AsNoTracking()
            where c.OrganisationId == organisationId
                  && (!paged || c.FiledAt < filedBefore || (c.FiledAt == filedBefore && c.Id.CompareTo(beforeId) < 0))
            join p in db.Promotions on c.PromotionId equals p.Id
            join ad in db.Ads on c.AdId equals ad.Id into ads
            from ad in ads.DefaultIfEmpty()
            orderby c.FiledAt descending, c.Id descending
            select new ComplaintLine(
                c.Id,
                AceComplaint.FormatReference(c.Number),
                c.Type,
                c.Category,
                c.Status,
                c.FiledAt,
                AceWords.ShownToAdvertiser(
                    c.Type,
                    c.ComplainantRole,
                    c.ComplainantNumber,
                    c.Type == ComplaintType.UserComplaint ? null : c.ComplainantName,
                    c.Type == ComplaintType.UserComplaint ? null : c.ComplainantOrganisation),
                p.ExternalCampaignId,
                ad == null ? null : ad.ExternalAdId,
                c.Description,
                c.Tier,
                c.DecisionReason,
                c.ContestedAt)).Take(PageSize + 1));

    /// <summary>The conversation with the complainant under each of these complaints: the advertiser's messages and the replies, oldest first.</summary>
    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<ComplaintEvent>> ConversationsOf = EF.CompileAsyncQuery<AppDbContext, Guid[], ComplaintEvent>(
        (AppDbContext db, Guid[] ids) => db.ComplaintEvents.AsNoTracking()
            .Where(e => ids.Contains(e.ComplaintId) && !e.IsInternal
                        && (e.Kind == ComplaintEventKind.CooperationMessage || e.Kind == ComplaintEventKind.ComplainantReply))
            .OrderBy(e => e.Sequence));

    /// <summary>The sanctions in force and the <see cref="EndedSanctionsShown"/> that ended last (or all), oldest first as the ladder lists them.</summary>
    private static IReadOnlyList<Sanction> SanctionsToShow(AccountStanding standing, bool all)
    {
        if (all)
        {
            return standing.Sanctions;
        }

        var ended = standing.Sanctions.Where(s => !s.IsInForceAt(standing.AsOf))
            .OrderBy(s => s.EndsAt ?? s.StartsAt)
            .TakeLast(EndedSanctionsShown)
            .ToHashSet(ReferenceEqualityComparer.Instance);
        return [.. standing.Sanctions.Where(s => s.IsInForceAt(standing.AsOf) || ended.Contains(s))];
    }

    /// <summary>
    /// One page of an account's violations, newest first. The standing is derived from the whole record (all of it is
    /// loaded for that); only the page is shown.
    /// </summary>
    private static ViolationPage PageOfViolations(AccountRecord record, string? after)
    {
        var byId = record.Violations.ToDictionary(v => v.Id);
        var rows = record.Standing.Violations
            .Select(o => new ViolationRow(o, byId[o.ViolationId]))
            .OrderByDescending(r => r.Violation.RecordedAt).ThenByDescending(r => r.Violation.Id)
            .AsEnumerable();
        if (Cursor.TryParse<Guid>(after, out var before, out var beforeId))
        {
            rows = rows.Where(r => r.Violation.RecordedAt < before || (r.Violation.RecordedAt == before && r.Violation.Id.CompareTo(beforeId) < 0));
        }

        var page = rows.Take(ViolationPageSize + 1).ToList();
        var shown = page.Take(ViolationPageSize).ToList();
        var older = page.Count > ViolationPageSize ? Cursor.Format(shown[^1].Violation.RecordedAt, shown[^1].Violation.Id) : null;
        return new ViolationPage(shown, older, record.Standing.Violations.Count, IsFirst: after is null);
    }

    public sealed record ViolationRow(ViolationOutcome Outcome, Violation Violation);

    /// <summary>A page of violations; <paramref name="Older"/> is the next page's cursor, <paramref name="IsFirst"/> false past the newest.</summary>
    public sealed record ViolationPage(IReadOnlyList<ViolationRow> Rows, string? Older, int Total, bool IsFirst);

    public sealed class CorrectionInput
    {
        /// <summary>The ids of the ads changed (as the promotions' pages show them), separated by commas or spaces; may be empty.</summary>
        public string? Ads { get; set; }

        public string Note { get; set; } = string.Empty;

        public IReadOnlyList<string> AdIdentifiers() =>
            [.. (Ads ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
    }

    public sealed class CorrectionValidator : AbstractValidator<CorrectionInput>
    {
        public CorrectionValidator(IStringLocalizer<IndexModel> text)
        {
            RuleFor(x => x.AdIdentifiers().Count)
                .LessThanOrEqualTo(CorrectionAdsMax).OverridePropertyName("Ads")
                .WithMessage(_ => text["Name at most {0} ads in one correction.", CorrectionAdsMax.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            RuleFor(x => x.Note)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => text["Say what you corrected in the similar content."])
                .MaximumLength(CorrectionNoteMaxLength).WithMessage(_ => text["Keep it under {0} characters.", CorrectionNoteMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }
}
