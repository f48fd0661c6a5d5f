using AdPolicy.Domain.Policy;

namespace AdPolicy.Domain.Ace;

/// <summary>One strike still on the record, and when it clears (or cleared) if no new violation is upheld.</summary>
/// <param name="ViolationId">The strike's violation.</param>
/// <param name="Category">The category it counts in.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="ClearsAt">The end of the good-standing period that clears it; a new upheld violation before then moves it.</param>
/// <param name="IsDue">True when <paramref name="ClearsAt"/> has come: the service should clear it now.</param>
public sealed record StrikeClearance(Guid ViolationId, ProhibitedCategory Category, DateTimeOffset RecordedAt, DateTimeOffset ClearsAt, bool IsDue);

/// <summary>The account's uncleared strikes at one moment.</summary>
/// <param name="Strikes">Active strikes not yet marked cleared, oldest first.</param>
/// <param name="NextClearingAt">When the next strike would clear if no new violation is upheld; null when none is waiting.</param>
public sealed record StrikeClearingResult(IReadOnlyList<StrikeClearance> Strikes, DateTimeOffset? NextClearingAt)
{
    /// <summary>The strikes whose good-standing period has run: the service calls <see cref="Violation.ClearStrike"/> on each.</summary>
    public IReadOnlyList<StrikeClearance> DueNow => [.. Strikes.Where(s => s.IsDue)];

    /// <summary>The strikes that still count in a category.</summary>
    public int CountIn(ProhibitedCategory category) => Strikes.Count(s => s.Category == category && !s.IsDue);
}

/// <summary>
/// Strikes clear once the account has had no new upheld violation for <see cref="PolicySettings.StrikeGoodStandingDays"/>
/// (SPEC 3.3): any new violation, strike or not, restarts the period. Removed violations never happened, for this count.
/// </summary>
public static class StrikeClearing
{
    public static StrikeClearingResult Evaluate(IEnumerable<Violation> violations, PolicySettings policy, DateTimeOffset now)
    {
        var record = ActiveRecord(violations, now);
        var goodStanding = GoodStanding(policy);
        List<StrikeClearance> strikes =
        [
            .. record
                .Where(v => v.IsStrike && v.StrikeClearedAt is null)
                .Select(v =>
                {
                    var clearsAt = ClearsAt(v, record, goodStanding);
                    return new StrikeClearance(v.Id, v.Category, v.RecordedAt, clearsAt, clearsAt <= now);
                }),
        ];
        var next = strikes.Where(s => !s.IsDue).Select(s => (DateTimeOffset?)s.ClearsAt).Min();
        return new StrikeClearingResult(strikes, next);
    }

    internal static TimeSpan GoodStanding(PolicySettings policy) => TimeSpan.FromDays(policy.StrikeGoodStandingDays);

    /// <summary>The account's active violations recorded up to <paramref name="now"/>, in the order they were recorded.</summary>
    internal static IReadOnlyList<Violation> ActiveRecord(IEnumerable<Violation> violations, DateTimeOffset now) =>
        [.. violations.Where(v => v.IsActive && v.RecordedAt <= now).OrderBy(v => v.RecordedAt).ThenBy(v => v.Id)];

    /// <summary>
    /// The first moment after the strike when a full good-standing period passed without a new violation:
    /// the first gap of that length in the record, or the last violation plus the period.
    /// </summary>
    internal static DateTimeOffset ClearsAt(Violation strike, IReadOnlyList<Violation> activeRecord, TimeSpan goodStanding)
    {
        var last = strike.RecordedAt;
        foreach (var v in activeRecord)
        {
            if (v.RecordedAt <= last)
            {
                continue;
            }

            if (v.RecordedAt - last >= goodStanding)
            {
                break;
            }

            last = v.RecordedAt;
        }

        var computed = last + goodStanding;
        return strike.StrikeClearedAt is { } cleared && cleared < computed ? cleared : computed;
    }
}
