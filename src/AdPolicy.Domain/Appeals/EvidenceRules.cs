using System.Globalization;
using AdPolicy.Domain.Common;
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
            return EvidenceCheckResult.Fail(Fact.Of(FactKind.ListNotRead), fileError);
        }

        var noun = kind is EvidenceKind.RefundOrReturnProof or EvidenceKind.BusinessLegitimacyProof ? "case" : "order";
        var tracked = requirement.RequiresTracking;
        var qualifying = tracked ? facts.DistinctOrdersWithTracking : facts.DistinctOrders;
        var covered = tracked
            ? CoveredDays(facts.FirstTrackedOrderDate, facts.LastTrackedOrderDate, requestDate, policy.EvidenceCoverageDays)
            : CoveredDays(facts.FirstOrderDate, facts.LastOrderDate, requestDate, policy.EvidenceCoverageDays);
        var enough = qualifying >= policy.EvidenceMinimumOrders || covered >= policy.EvidenceCoverageDays;

        var summary = Fact.Of(FactKind.ListMeasured, EventValues.Of(EventValue.Rows, facts.Rows)
            .With(EventValue.Orders, facts.DistinctOrders)
            .With(EventValue.Tracked, facts.DistinctOrdersWithTracking)
            .With(EventValue.Noun, noun)
            .With(EventValue.First, facts.FirstOrderDate)
            .With(EventValue.Last, facts.LastOrderDate)
            .With(EventValue.Covered, covered)
            .With(EventValue.CoverageDays, policy.EvidenceCoverageDays));
        var findings = new List<Fact>();
        if (facts.Rows == 0)
        {
            findings.Add(Fact.Of(FactKind.ListEmpty, EventValues.Of(EventValue.Noun, noun)));
        }
        else if (!enough)
        {
            findings.Add(Fact.Of(FactKind.TooFewOrders, EventValues.Of(EventValue.Orders, qualifying)
                .With(EventValue.Noun, noun)
                .With(EventValue.Tracked, tracked)
                .With(EventValue.Minimum, policy.EvidenceMinimumOrders)
                .With(EventValue.CoverageDays, policy.EvidenceCoverageDays)
                .With(EventValue.Covered, covered)));
            var untracked = facts.DistinctOrders - facts.DistinctOrdersWithTracking;
            if (tracked && untracked > 0)
            {
                findings.Add(Fact.Of(FactKind.OrdersUntracked, EventValues.Of(EventValue.Orders, untracked).With(EventValue.Noun, noun)));
            }
        }

        if (facts.RowErrorCount > 0)
        {
            findings.Add(Fact.Of(FactKind.RowsNotRead, EventValues.Of(EventValue.Rows, facts.RowErrorCount)));
            findings.AddRange(facts.RowErrors.Take(RowErrorsListed).SelectMany(e => e.Problems));
            var unlisted = facts.RowErrorCount - Math.Min(facts.RowErrors.Count, RowErrorsListed);
            if (unlisted > 0)
            {
                findings.Add(Fact.Of(FactKind.MoreRowsNotRead, EventValues.Of(EventValue.Rows, unlisted)));
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
        var seconds = (decimal)(Math.Floor(facts.Duration.TotalSeconds * 100) / 100);
        var lasts = Fact.Of(FactKind.VideoLasts, EventValues.Of(EventValue.Seconds, seconds.ToString("0.##", CultureInfo.InvariantCulture)));
        return facts.Duration >= minimum
            ? EvidenceCheckResult.Pass(lasts)
            : EvidenceCheckResult.Fail(lasts, Fact.Of(FactKind.VideoTooShort, EventValues.Of(EventValue.Seconds, lasts[EventValue.Seconds]).With(EventValue.Minimum, policy.EvidenceMinimumVideoSeconds)));
    }

    /// <summary>A certificate passes when it names its authority and number and was valid on the suspension date.</summary>
    public static EvidenceCheckResult CheckCertificate(CertificateFacts facts, DateOnly suspensionDate)
    {
        var findings = new List<Fact>();
        if (string.IsNullOrWhiteSpace(facts.Authority))
        {
            findings.Add(Fact.Of(FactKind.CertificateNoAuthority));
        }

        if (string.IsNullOrWhiteSpace(facts.Number))
        {
            findings.Add(Fact.Of(FactKind.CertificateNoNumber));
        }

        var dates = new EventValues().With(EventValue.ValidFrom, facts.ValidFrom).With(EventValue.ValidTo, facts.ValidTo).With(EventValue.Suspension, suspensionDate);
        if (facts.ValidTo is { } end && end < facts.ValidFrom)
        {
            findings.Add(Fact.Of(FactKind.CertificateDatesReversed, dates));
        }
        else if (facts.ValidFrom > suspensionDate)
        {
            findings.Add(Fact.Of(FactKind.CertificateNotYetValid, dates));
        }
        else if (facts.ValidTo is { } expiry && expiry < suspensionDate)
        {
            findings.Add(Fact.Of(FactKind.CertificateExpired, dates));
        }

        var summary = Fact.Of(FactKind.CertificateMeasured, new EventValues()
            .With(EventValue.Number, Text(facts.Number))
            .With(EventValue.Authority, Text(facts.Authority))
            .With(EventValue.ValidFrom, facts.ValidFrom)
            .With(EventValue.ValidTo, facts.ValidTo)
            .With(EventValue.Suspension, suspensionDate));
        return findings.Count == 0 ? EvidenceCheckResult.Pass(summary) : EvidenceCheckResult.Fail(summary, findings);
    }

    public static EvidenceCheckResult CheckBusinessDocument(BusinessDocumentFacts facts)
    {
        var findings = new List<Fact>();
        if (!facts.HasDocument)
        {
            findings.Add(Fact.Of(FactKind.BusinessDocumentMissing));
        }

        if (string.IsNullOrWhiteSpace(facts.Description))
        {
            findings.Add(Fact.Of(FactKind.BusinessDocumentUndescribed));
        }

        var summary = facts.HasDocument
            ? Fact.Of(FactKind.BusinessDocumentMeasured, EventValues.Of(EventValue.Note, Text(facts.Description)))
            : Fact.Of(FactKind.NoBusinessDocument);
        return findings.Count == 0 ? EvidenceCheckResult.Pass(summary) : EvidenceCheckResult.Fail(summary, findings);
    }

    /// <summary>The data-security item: a logistics list with tracking, and a described business document. Either may still be missing.</summary>
    public static EvidenceCheckResult CheckBusinessLegitimacy(
        OrderListFacts? logistics, BusinessDocumentFacts? document, DateOnly requestDate, PolicySettings policy)
    {
        var list = logistics is null
            ? EvidenceCheckResult.Fail(Fact.Of(FactKind.NoLogisticsList), Fact.Of(FactKind.LogisticsListMissing))
            : CheckOrderList(logistics, EvidenceKind.BusinessLegitimacyProof, requestDate, policy);
        return EvidenceCheckResult.Combine(list, CheckBusinessDocument(document ?? new BusinessDocumentFacts(false, null)));
    }

    /// <summary>A value as written, or null (a summary then says it was not given).</summary>
    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
