using System.Globalization;
using AdPolicy.Domain.Policy;

namespace AdPolicy.Domain.Appeals;

/// <summary>
/// The automatic checks of SPEC 4, on facts measured from the files. Pure: the same facts and policy give the same result.
/// </summary>
public static class EvidenceRules
{
    /// <summary>How many unreadable rows a failed check lists before summarising the rest.</summary>
    public const int RowErrorsListed = 20;

    /// <summary>
    /// An order list passes when it has no unreadable rows and either counts enough distinct qualifying orders
    /// (with a tracking number, where the item requires one) or covers every one of the coverage days before the
    /// request date, that is from <c>requestDate - EvidenceCoverageDays</c> to the day before the request.
    /// </summary>
    public static EvidenceCheckResult CheckOrderList(OrderListFacts facts, EvidenceKind kind, DateOnly requestDate, PolicySettings policy)
    {
        var requirement = RequirementMatrix.Requirement(kind, policy);
        if (requirement.Format is not (EvidenceFormat.OrderList or EvidenceFormat.LogisticsAndBusinessDocument))
        {
            throw new ArgumentException($"{requirement.Title} is not an order list.", nameof(kind));
        }

        if (facts.FileError is { } fileError)
        {
            return EvidenceCheckResult.Fail("The list could not be read.", fileError);
        }

        var noun = kind is EvidenceKind.RefundOrReturnProof or EvidenceKind.BusinessLegitimacyProof ? "case" : "order";
        var tracked = requirement.RequiresTracking;
        var qualifying = tracked ? facts.DistinctOrdersWithTracking : facts.DistinctOrders;
        var covered = tracked
            ? CoveredDays(facts.FirstTrackedOrderDate, facts.LastTrackedOrderDate, requestDate, policy.EvidenceCoverageDays)
            : CoveredDays(facts.FirstOrderDate, facts.LastOrderDate, requestDate, policy.EvidenceCoverageDays);
        var enough = qualifying >= policy.EvidenceMinimumOrders || covered >= policy.EvidenceCoverageDays;

        var summary = Summary(facts, noun, covered, policy.EvidenceCoverageDays);
        var findings = new List<string>();
        if (facts.Rows == 0)
        {
            findings.Add($"The list has no {noun}s: add one row per {noun} under the header.");
        }
        else if (!enough)
        {
            findings.Add(
                $"{Count(qualifying, $"distinct {noun}")}{(tracked ? " with a tracking number" : string.Empty)}; " +
                $"{policy.EvidenceMinimumOrders} or more are needed, or a list covering the {policy.EvidenceCoverageDays} days " +
                $"before the request (this one covers {Count(covered, "day")}).");
            var untracked = facts.DistinctOrders - facts.DistinctOrdersWithTracking;
            if (tracked && untracked > 0)
            {
                findings.Add($"{Count(untracked, noun)} {(untracked == 1 ? "has" : "have")} no tracking number and {(untracked == 1 ? "does" : "do")} not count.");
            }
        }

        if (facts.RowErrorCount > 0)
        {
            findings.Add($"{Count(facts.RowErrorCount, "row")} could not be read; correct {(facts.RowErrorCount == 1 ? "it" : "them")} and upload the list again.");
            findings.AddRange(facts.RowErrors.Take(RowErrorsListed).Select(e => e.ToString()));
            var unlisted = facts.RowErrorCount - Math.Min(facts.RowErrors.Count, RowErrorsListed);
            if (unlisted > 0)
            {
                findings.Add($"… and {Count(unlisted, "more row")} with errors.");
            }
        }

        return findings.Count == 0 ? EvidenceCheckResult.Pass(summary) : EvidenceCheckResult.Fail(summary, findings);
    }

    /// <summary>How many of the <paramref name="coverageDays"/> days before <paramref name="requestDate"/> lie between the first and last date.</summary>
    public static int CoveredDays(DateOnly? first, DateOnly? last, DateOnly requestDate, int coverageDays)
    {
        if (first is not { } from || last is not { } to)
        {
            return 0;
        }

        var windowStart = requestDate.AddDays(-coverageDays);
        var windowEnd = requestDate.AddDays(-1);
        var start = from > windowStart ? from : windowStart;
        var end = to < windowEnd ? to : windowEnd;
        return end < start ? 0 : end.DayNumber - start.DayNumber + 1;
    }

    public static EvidenceCheckResult CheckVideo(VideoFacts facts, PolicySettings policy)
    {
        var minimum = TimeSpan.FromSeconds(policy.EvidenceMinimumVideoSeconds);
        var lasts = $"The video lasts {Seconds(facts.Duration)} seconds";
        return facts.Duration >= minimum
            ? EvidenceCheckResult.Pass($"{lasts}.")
            : EvidenceCheckResult.Fail($"{lasts}.", $"{lasts}; it must last at least {policy.EvidenceMinimumVideoSeconds} seconds.");
    }

    /// <summary>A certificate passes when it names its authority and number and was valid on the suspension date.</summary>
    public static EvidenceCheckResult CheckCertificate(CertificateFacts facts, DateOnly suspensionDate)
    {
        var findings = new List<string>();
        if (string.IsNullOrWhiteSpace(facts.Authority))
        {
            findings.Add("Name the authority that issued the certificate.");
        }

        if (string.IsNullOrWhiteSpace(facts.Number))
        {
            findings.Add("Give the certificate's number.");
        }

        if (facts.ValidTo is { } end && end < facts.ValidFrom)
        {
            findings.Add($"The certificate's validity ends on {Date(end)}, before it starts on {Date(facts.ValidFrom)}: check the dates.");
        }
        else if (facts.ValidFrom > suspensionDate)
        {
            findings.Add(
                $"The certificate is valid from {Date(facts.ValidFrom)}, after the suspension on {Date(suspensionDate)}; " +
                "it must have been valid on the date of the suspension.");
        }
        else if (facts.ValidTo is { } expiry && expiry < suspensionDate)
        {
            findings.Add($"The certificate expired on {Date(expiry)}, before the suspension on {Date(suspensionDate)}.");
        }

        var validity = facts.ValidTo is { } to ? $"valid {Date(facts.ValidFrom)} to {Date(to)}" : $"valid from {Date(facts.ValidFrom)} with no end date";
        var summary = $"Certificate {Text(facts.Number)} issued by {Text(facts.Authority)}, {validity}; suspension on {Date(suspensionDate)}.";
        return findings.Count == 0 ? EvidenceCheckResult.Pass(summary) : EvidenceCheckResult.Fail(summary, findings);
    }

    public static EvidenceCheckResult CheckBusinessDocument(BusinessDocumentFacts facts)
    {
        var findings = new List<string>();
        if (!facts.HasDocument)
        {
            findings.Add("Attach a document proving the business model or permission (for example a licence, registration or contract).");
        }

        if (string.IsNullOrWhiteSpace(facts.Description))
        {
            findings.Add("Describe what the business document proves.");
        }

        var summary = facts.HasDocument ? $"Business document: {Text(facts.Description)}." : "No business document.";
        return findings.Count == 0 ? EvidenceCheckResult.Pass(summary) : EvidenceCheckResult.Fail(summary, findings);
    }

    /// <summary>The data-security item: a logistics list with tracking, and a described business document. Either may still be missing.</summary>
    public static EvidenceCheckResult CheckBusinessLegitimacy(
        OrderListFacts? logistics, BusinessDocumentFacts? document, DateOnly requestDate, PolicySettings policy)
    {
        var list = logistics is null
            ? EvidenceCheckResult.Fail("No logistics list.", "Attach a logistics list (CSV) with the tracking number of each case.")
            : CheckOrderList(logistics, EvidenceKind.BusinessLegitimacyProof, requestDate, policy);
        return EvidenceCheckResult.Combine(list, CheckBusinessDocument(document ?? new BusinessDocumentFacts(false, null)));
    }

    private static string Summary(OrderListFacts facts, string noun, int covered, int coverageDays)
    {
        var dates = facts.FirstOrderDate is { } first && facts.LastOrderDate is { } last
            ? $", dated {Date(first)} to {Date(last)}"
            : string.Empty;
        return $"{Count(facts.Rows, "row")}, {Count(facts.DistinctOrders, $"distinct {noun}")} " +
            $"({facts.DistinctOrdersWithTracking} with a tracking number){dates}; " +
            $"covers {covered} of the {coverageDays} days before the request.";
    }

    private static string Count(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");

    private static string Seconds(TimeSpan duration) =>
        (Math.Floor(duration.TotalSeconds * 100) / 100).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "(not given)" : value.Trim();
}
