using System.Globalization;

namespace AdPolicy.Domain.Common;

/// <summary>
/// The names of a timeline event's values. A value "x" that changed is stored as "x" (now) and "x.from" (before).
/// Pages render each in words, in the reader's language; nothing here is a sentence.
/// </summary>
public static class EventValue
{
    /// <summary>The suffix of a value's earlier state.</summary>
    public const string FromSuffix = ".from";

    /// <summary>An amount of money: "123.45 EUR".</summary>
    public const string Amount = "amount";

    /// <summary>An amount approved.</summary>
    public const string ApprovedAmount = "approvedAmount";

    /// <summary>An amount credited to the ad account.</summary>
    public const string RefundedAmount = "refundedAmount";

    /// <summary>Who has the case (a person's name).</summary>
    public const string Assignee = "assignee";

    /// <summary>When an answer is due (an instant, ISO 8601).</summary>
    public const string AnswerDue = "answerDue";

    /// <summary>What would have made a refund request eligible (staff's words).</summary>
    public const string EligibilityAdvice = "eligibilityAdvice";

    /// <summary>A file's name.</summary>
    public const string File = "file";

    /// <summary>A violation tier (the enum's name).</summary>
    public const string Tier = "tier";

    /// <summary>A prohibited category (the enum's name).</summary>
    public const string Category = "category";

    /// <summary>"true" when the violation is a strike.</summary>
    public const string Strike = "strike";

    /// <summary>A violation's reference (VI-…).</summary>
    public const string Violation = "violation";

    /// <summary>The complaint of the same duplicate group this one was decided with (AC-…).</summary>
    public const string DecidedWith = "decidedWith";

    /// <summary>The complaint of the same duplicate group this one was reopened with (AC-…).</summary>
    public const string ReopenedWith = "reopenedWith";

    /// <summary>The withdrawn complaint whose violation this one took over (AC-…).</summary>
    public const string TookOverFrom = "tookOverFrom";

    /// <summary>A deadline's kind (the enum's name).</summary>
    public const string Deadline = "deadline";

    /// <summary>When a deadline fell due (an instant).</summary>
    public const string DueAt = "dueAt";

    /// <summary>The ads a missed removal deadline took down: their ids, comma-separated; "none" when the content was already down.</summary>
    public const string RemovedAds = "removedAds";

    /// <summary>The ad plan (campaign id) a missed deadline cancelled.</summary>
    public const string CancelledPlan = "cancelledPlan";

    /// <summary>The sanction a missed deadline brought (the enum's name).</summary>
    public const string Sanction = "sanction";

    /// <summary>An evidence item's kind (the enum's name).</summary>
    public const string EvidenceItem = "evidenceItem";

    /// <summary>The evidence a new appeal requires: the kinds' names, comma-separated.</summary>
    public const string EvidenceRequired = "evidenceRequired";

    /// <summary>The automatic check's result: "passed" or "failed".</summary>
    public const string Check = "check";

    /// <summary>What the automatic check found, one finding per line.</summary>
    public const string Findings = "findings";

    /// <summary>A reviewer's verdict on an item (the enum's name).</summary>
    public const string Verdict = "verdict";

    /// <summary>When an appeal's review is due once its clock runs again (an instant).</summary>
    public const string ReviewDue = "reviewDue";

    /// <summary>What a lift restored, one item per line (ad ids, plan ids, ...).</summary>
    public const string Restored = "restored";

    /// <summary>A complaint's reference (AC-…).</summary>
    public const string Complaint = "complaint";

    /// <summary>A review request's reference (RV-…).</summary>
    public const string Appeal = "appeal";

    /// <summary>A status (the enum's name: a complaint's, a promotion's).</summary>
    public const string Status = "status";

    /// <summary>A suspension's kind (<c>SanctionKind</c>'s name).</summary>
    public const string SanctionKind = "sanctionKind";

    /// <summary>When something ends (an instant); absent when it has no end.</summary>
    public const string Until = "until";

    /// <summary>An ad plan's campaign id.</summary>
    public const string Plan = "plan";

    /// <summary>An ad plan's name, as its advertiser named it.</summary>
    public const string PlanName = "planName";

    /// <summary>An ad's id.</summary>
    public const string Ad = "ad";

    /// <summary>Ads' ids, comma-separated.</summary>
    public const string Ads = "ads";

    /// <summary>What happened to ads (an <c>AdStatus</c> name: Removed, Restricted).</summary>
    public const string Effect = "effect";

    /// <summary>"true" when a violation's penalty comes from a refused refund or return.</summary>
    public const string FromRefusedRefund = "fromRefusedRefund";

    /// <summary>A person's own note.</summary>
    public const string Note = "note";

    /// <summary>How many files.</summary>
    public const string Files = "files";

    /// <summary>When someone did something (an instant).</summary>
    public const string DoneAt = "doneAt";

    // What an automatic evidence check measured or found (Fact values; dates yyyy-MM-dd, numbers invariant).

    /// <summary>How many rows (of an order list, or with errors).</summary>
    public const string Rows = "rows";

    /// <summary>How many distinct orders or cases.</summary>
    public const string Orders = "orders";

    /// <summary>How many of them have a tracking number.</summary>
    public const string Tracked = "tracked";

    /// <summary>What a list's rows are: "order" or "case".</summary>
    public const string Noun = "noun";

    /// <summary>The earliest date (yyyy-MM-dd).</summary>
    public const string First = "first";

    /// <summary>The latest date (yyyy-MM-dd).</summary>
    public const string Last = "last";

    /// <summary>How many of the coverage days a list covers.</summary>
    public const string Covered = "covered";

    /// <summary>How many days before the request a list must cover (the policy's).</summary>
    public const string CoverageDays = "coverageDays";

    /// <summary>How many orders are needed (the policy's minimum).</summary>
    public const string Minimum = "minimum";

    /// <summary>A number of seconds (invariant, up to two decimals).</summary>
    public const string Seconds = "seconds";

    /// <summary>A certificate's number, as written.</summary>
    public const string Number = "number";

    /// <summary>A certificate's issuing authority, as written.</summary>
    public const string Authority = "authority";

    /// <summary>The first day something is valid (yyyy-MM-dd).</summary>
    public const string ValidFrom = "validFrom";

    /// <summary>The last day something is valid (yyyy-MM-dd).</summary>
    public const string ValidTo = "validTo";

    /// <summary>The day of the suspension (yyyy-MM-dd).</summary>
    public const string Suspension = "suspension";

    /// <summary>A line of a file (the header is line 1).</summary>
    public const string Line = "line";

    /// <summary>A column's name.</summary>
    public const string Field = "field";

    /// <summary>A value as the file had it (shortened, control characters removed).</summary>
    public const string Value = "value";

    /// <summary>How many were expected.</summary>
    public const string Expected = "expected";

    /// <summary>How many were found.</summary>
    public const string Found = "found";

    /// <summary>A version number (of a file format).</summary>
    public const string Version = "version";

    public static string From(string key) => key + FromSuffix;

    public static string Format(Money money) => money.ToString();

    public static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string Format<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString();
}

/// <summary>A timeline event's values (see <see cref="EventValue"/>), built fluently by the case that records it.</summary>
public sealed class EventValues
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public bool IsEmpty => _values.Count == 0;

    public IReadOnlyDictionary<string, string> AsDictionary() => _values;

    public static EventValues Of(string key, string? value) => new EventValues().With(key, value);

    public static EventValues Of(string key, Money value) => new EventValues().With(key, value);

    public static EventValues Of(string key, DateTimeOffset value) => new EventValues().With(key, value);

    public static EventValues Of(string key, int value) => new EventValues().With(key, value);

    public static EventValues Of<TEnum>(string key, TEnum value)
        where TEnum : struct, Enum => new EventValues().With(key, value);

    /// <summary>A value that changed: its state before (if any) and after.</summary>
    public static EventValues Change(string key, string? from, string? to) =>
        new EventValues().With(EventValue.From(key), from).With(key, to);

    /// <summary>Adds a value; an empty one is left out.</summary>
    public EventValues With(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _values[key] = value.Trim();
        }

        return this;
    }

    public EventValues With(string key, Money value) => With(key, EventValue.Format(value));

    public EventValues With(string key, DateTimeOffset value) => With(key, EventValue.Format(value));

    public EventValues With<TEnum>(string key, TEnum value)
        where TEnum : struct, Enum => With(key, EventValue.Format(value));

    public EventValues With(string key, bool value) => value ? With(key, "true") : this;

    public EventValues With(string key, int value) => With(key, value.ToString(CultureInfo.InvariantCulture));

    public EventValues With(string key, DateTimeOffset? value) => value is { } at ? With(key, at) : this;

    public EventValues With(string key, long value) => With(key, value.ToString(CultureInfo.InvariantCulture));

    public EventValues With(string key, decimal value) => With(key, value.ToString(CultureInfo.InvariantCulture));

    public EventValues With(string key, DateOnly? value) => value is { } day ? With(key, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : this;
}
