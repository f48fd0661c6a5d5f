using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Appeals;

/// <summary>
/// A row of an order list that could not be read, with its line number in the file (the header is line 1) and what is
/// wrong with it, one fact each (each carries the line, <see cref="EventValue.Line"/>).
/// </summary>
public sealed record OrderListRowError(long Line, IReadOnlyList<Fact> Problems);

/// <summary>What was measured in an order list (orders placed, shipped, delivered, refunded or returned).</summary>
/// <param name="Rows">Data rows read, the header and blank lines not counted.</param>
/// <param name="DistinctOrders">Distinct order ids among the rows that could be read.</param>
/// <param name="DistinctOrdersWithTracking">Distinct order ids with a tracking number on at least one row.</param>
/// <param name="FirstOrderDate">The earliest order date among the rows that could be read.</param>
/// <param name="LastOrderDate">The latest order date among the rows that could be read.</param>
/// <param name="FirstTrackedOrderDate">The earliest order date among rows with a tracking number.</param>
/// <param name="LastTrackedOrderDate">The latest order date among rows with a tracking number.</param>
/// <param name="RowErrors">The first rows that could not be read (the list is capped; see <paramref name="RowErrorCount"/>).</param>
/// <param name="RowErrorCount">How many rows could not be read in all.</param>
/// <param name="FileError">Set when the file as a whole could not be read (empty, not UTF-8): what is wrong, as a fact.</param>
public sealed record OrderListFacts(
    int Rows,
    int DistinctOrders,
    int DistinctOrdersWithTracking,
    DateOnly? FirstOrderDate,
    DateOnly? LastOrderDate,
    DateOnly? FirstTrackedOrderDate,
    DateOnly? LastTrackedOrderDate,
    IReadOnlyList<OrderListRowError> RowErrors,
    int RowErrorCount,
    Fact? FileError = null)
{
    public static OrderListFacts Unreadable(Fact fileError) => new(0, 0, 0, null, null, null, null, [], 0, fileError);
}

/// <summary>What was read from a video's own headers.</summary>
public sealed record VideoFacts(TimeSpan Duration);

/// <summary>What a certificate records: the issuing authority, its number and its validity dates (no end date: open-ended).</summary>
public sealed record CertificateFacts(string? Authority, string? Number, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>A document proving a legitimate business model or permission, and the advertiser's description of it.</summary>
public sealed record BusinessDocumentFacts(bool HasDocument, string? Description);
