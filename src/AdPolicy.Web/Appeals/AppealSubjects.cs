using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Appeals;

/// <summary>The penalty an appeal is about, as the advertiser's record shows it now.</summary>
/// <param name="Kind">What is appealed.</param>
/// <param name="Id">The violation, missed deadline or ad account (quality-score limit) it rests on.</param>
/// <param name="AdAccountId">The account penalised.</param>
/// <param name="AccountName">Its name.</param>
/// <param name="Description">The penalty in the advertiser's words.</param>
/// <param name="PenaltyStartedAt">When the penalty began: for a suspension, its start; a certificate must have been valid then.</param>
/// <param name="InForce">False once the penalty was removed or lifted: there is nothing left to appeal.</param>
/// <param name="PenaltyFromRefusedRefund">Staff recorded that the penalty came from a refused refund or return: refund or return proof is required.</param>
public sealed record AppealSubject(
    SubjectKind Kind,
    Guid Id,
    Guid AdAccountId,
    string AccountName,
    FormattableString Description,
    DateTimeOffset PenaltyStartedAt,
    bool InForce,
    bool PenaltyFromRefusedRefund = false)
{
    /// <summary>The date certificates are compared with (UTC).</summary>
    public DateOnly SuspensionDate => DateOnly.FromDateTime(PenaltyStartedAt.UtcDateTime);

    public static string Describe(SubjectKind kind) => kind switch
    {
        SubjectKind.Violation => "a violation",
        SubjectKind.Strike => "a strike",
        SubjectKind.Suspension => "a suspension",
        SubjectKind.AdRestriction => "an ad restriction",
        SubjectKind.QualityScoreLimit => "a quality-score limit",
        _ => kind.ToString(),
    };
}

/// <summary>
/// Finds the penalty a review request names, only within the advertiser's organisation, with its start taken from the
/// derived standing (SanctionLadder), never from a stored status.
/// </summary>
public sealed class AppealSubjects(AppDbContext db, AceStandings standings)
{
    private static readonly SanctionKind[] Suspensions =
        [SanctionKind.TemporarySuspension, SanctionKind.PermanentSuspension, SanctionKind.AccountAndDepositBlocked];

    public async Task<AppealSubject?> FindAsync(Guid organisationId, SubjectKind kind, Guid subjectId, CancellationToken cancellationToken)
    {
        if (kind == SubjectKind.QualityScoreLimit)
        {
            var scored = await db.AdAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == subjectId && a.OrganisationId == organisationId, cancellationToken);
            if (scored is null)
            {
                return null;
            }

            var record = await standings.ForAccountAsync(scored, cancellationToken);
            var limit = record.Standing.Sanctions.LastOrDefault(s => s.Kind == SanctionKind.ReachLimited);
            return new AppealSubject(kind, scored.Id, scored.Id, scored.Name, limit?.Why ?? $"The shop quality score limits the reach of the ads.", limit?.StartsAt ?? scored.ShopQualityScoredAt ?? record.Standing.AsOf, record.Standing.ReachLimited);
        }

        var violation = await db.Violations.AsNoTracking().FirstOrDefaultAsync(v => v.Id == subjectId && v.OrganisationId == organisationId, cancellationToken);
        if (violation is not null)
        {
            if (kind == SubjectKind.Strike && !violation.IsStrike)
            {
                return null;
            }

            var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == violation.AdAccountId, cancellationToken);
            var record = await standings.ForAccountAsync(account, cancellationToken);
            var sanctions = record.Standing.Sanctions.Where(s => s.ViolationId == violation.Id).ToList();
            var suspension = sanctions.FirstOrDefault(s => Suspensions.Contains(s.Kind));
            var outcome = record.Standing.Violations.FirstOrDefault(o => o.ViolationId == violation.Id);
            var description = kind == SubjectKind.Suspension && suspension is not null ? suspension.Why : outcome?.Summary ?? Phrases.Verbatim(violation.Reason);
            return new AppealSubject(kind, violation.Id, account.Id, account.Name, description, suspension?.StartsAt ?? violation.RecordedAt, violation.IsActive, violation.PenaltyFromRefusedRefund);
        }

        if (kind is not (SubjectKind.Suspension or SubjectKind.AdRestriction))
        {
            return null;
        }

        var missed = await (
            from d in db.Deadlines.AsNoTracking()
            join s in db.DeadlineSanctions.AsNoTracking() on d.Id equals s.DeadlineId
            where d.Id == subjectId && d.OrganisationId == organisationId
            select new { Deadline = d, Sanction = s }).FirstOrDefaultAsync(cancellationToken);
        if (missed is null)
        {
            return null;
        }

        var penalised = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == missed.Deadline.AdAccountId, cancellationToken);
        var standing = (await standings.ForAccountAsync(penalised, cancellationToken)).Standing;
        var why = standing.Sanctions.FirstOrDefault(s => s.DeadlineId == subjectId)?.Why ?? $"{Deadline.What(missed.Deadline.Kind)}: the deadline was missed.";
        // A missed deadline's penalty comes from where its violation (or its complaint's) came from.
        var complaintId = missed.Deadline.ComplaintId;
        var violationId = missed.Deadline.ViolationId;
        var fromRefusedRefund = await db.Violations.AsNoTracking()
            .AnyAsync(v => v.PenaltyFromRefusedRefund && v.Status == ViolationStatus.Active && (v.Id == violationId || (complaintId != null && v.ComplaintId == complaintId)), cancellationToken);
        return new AppealSubject(kind, subjectId, penalised.Id, penalised.Name, why, missed.Sanction.ImposedAt, missed.Sanction.IsInForceAt(standing.AsOf), fromRefusedRefund);
    }
}
