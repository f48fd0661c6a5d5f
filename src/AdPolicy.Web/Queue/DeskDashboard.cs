using System.Data.Common;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AdPolicy.Web.Queue;

/// <summary>The dashboard's period (whole weeks, Monday to Sunday, UTC, ending with the current one) and region.</summary>
public sealed class DashboardFilter
{
    public static readonly int[] PeriodChoices = [4, 12, 26, 52];

    public int Weeks { get; set; } = 12;

    public Region? Region { get; set; }

    /// <summary>Monday 00:00 UTC of the first week shown.</summary>
    public DateTimeOffset From(DateTimeOffset now) => WeekOf(now).AddDays(-7 * (Weeks - 1));

    public static DateTimeOffset WeekOf(DateTimeOffset at)
    {
        var day = at.UtcDateTime.Date;
        var back = ((int)day.DayOfWeek + 6) % 7;
        return new DateTimeOffset(day.AddDays(-back), TimeSpan.Zero);
    }
}

public sealed record WeekResponses(DateTimeOffset Week, long Met, long Missed);

public sealed record WeekDeadlines(DateTimeOffset Week, long Met, long Missed, long Cancelled, long Pending);

public sealed record WeekDecisions(DateTimeOffset Week, long Decisions, double? MedianHours);

public sealed record WeekRefunds(DateTimeOffset Week, string Currency, decimal Amount, long Refunds);

/// <param name="Kind">Refund request, ACE complaint or review request.</param>
/// <param name="UnderADay">Filed less than 24 hours ago.</param>
/// <param name="OneToThreeDays">1 to 3 days old.</param>
/// <param name="ThreeToSevenDays">3 to 7 days old.</param>
/// <param name="OverAWeek">More than 7 days old.</param>
public sealed record BacklogRow(string Kind, long UnderADay, long OneToThreeDays, long ThreeToSevenDays, long OverAWeek)
{
    public long Total => UnderADay + OneToThreeDays + ThreeToSevenDays + OverAWeek;
}

public sealed record DeskFigures(
    IReadOnlyList<WeekResponses> Responses,
    IReadOnlyList<WeekDeadlines> Deadlines,
    IReadOnlyList<BacklogRow> Backlog,
    IReadOnlyList<WeekDecisions> Decisions,
    IReadOnlyList<WeekRefunds> Refunds);

/// <summary>
/// How the desk is doing. Each figure is read from the roll-ups the FinishDesk migration keeps (<c>desk_figures</c>
/// plus the not yet folded <c>desk_figure_deltas</c>), written by statement triggers in the same transaction as the
/// change, so the figures are exact as soon as a change commits and cost a few hundred rows to read at any size.
/// Decision times are kept to the minute (to the hour beyond two days), which is what the page shows. The
/// <c>Direct…Sql</c> statements compute the same figures from the cases themselves: the benchmark's baseline and the
/// tests' check that the roll-ups agree.
/// </summary>
public static class DeskDashboard
{
    public const string Responses = "responses", Deadlines = "deadlines", Backlog = "backlog", Decisions = "decisions", Refunds = "refunds";

    public static readonly string[] Figures = [Responses, Deadlines, Backlog, Decisions, Refunds];

    /// <summary>The rolled-up rows of one figure for the period and regions (folded and not yet folded).</summary>
    private static string Rolled(string figure, bool inPeriod = true)
    {
        var where = $"figure = '{figure}' AND region = ANY(@regions)" + (inPeriod ? " AND at >= @from AND at < @to" : string.Empty);
        return $"(SELECT at, label, minutes, count, amount FROM desk_figures WHERE {where} UNION ALL SELECT at, label, minutes, count, amount FROM desk_figure_deltas WHERE {where})";
    }

    public static readonly string ResponsesSql = $"""
        SELECT f.at AS week,
               coalesce(sum(f.count) FILTER (WHERE f.label = 'met'), 0)::bigint AS met,
               coalesce(sum(f.count) FILTER (WHERE f.label = 'missed'), 0)::bigint AS missed
        FROM {Rolled("response")} f
        GROUP BY 1 HAVING sum(f.count) <> 0 ORDER BY 1
        """;

    public static readonly string DeadlinesSql = $"""
        SELECT f.at AS week,
               coalesce(sum(f.count) FILTER (WHERE f.label = 'Met'), 0)::bigint AS met,
               coalesce(sum(f.count) FILTER (WHERE f.label = 'Missed'), 0)::bigint AS missed,
               coalesce(sum(f.count) FILTER (WHERE f.label = 'Cancelled'), 0)::bigint AS cancelled,
               coalesce(sum(f.count) FILTER (WHERE f.label = 'Pending'), 0)::bigint AS pending
        FROM {Rolled("deadline")} f
        GROUP BY 1 HAVING sum(f.count) <> 0 ORDER BY 1
        """;

    /// <summary>
    /// Open cases per filing hour: an hour wholly on one side of an age boundary is classed by its start; the three
    /// hours a boundary cuts (@cut1, @cut3, @cut7) are counted from the queue itself through its filing-time index.
    /// </summary>
    public static readonly string BacklogSql = $"""
        WITH filed AS (
            SELECT f.label AS kind, f.at, f.count AS n FROM {Rolled("backlog", inPeriod: false)} f
            WHERE f.at NOT IN (@cut1, @cut3, @cut7)
            UNION ALL
            SELECT q.kind, q.filed_at, 1
            FROM queue_items q
            JOIN organisations o ON o.id = q.organisation_id AND o.region = ANY(@regions)
            WHERE (q.filed_at >= @cut1 AND q.filed_at < @cut1 + interval '1 hour')
               OR (q.filed_at >= @cut3 AND q.filed_at < @cut3 + interval '1 hour')
               OR (q.filed_at >= @cut7 AND q.filed_at < @cut7 + interval '1 hour'))
        SELECT kind,
               coalesce(sum(n) FILTER (WHERE at > @now - interval '1 day'), 0)::bigint AS under_a_day,
               coalesce(sum(n) FILTER (WHERE at <= @now - interval '1 day' AND at > @now - interval '3 days'), 0)::bigint AS one_to_three,
               coalesce(sum(n) FILTER (WHERE at <= @now - interval '3 days' AND at > @now - interval '7 days'), 0)::bigint AS three_to_seven,
               coalesce(sum(n) FILTER (WHERE at <= @now - interval '7 days'), 0)::bigint AS over_a_week
        FROM filed
        GROUP BY kind HAVING sum(n) <> 0 ORDER BY kind
        """;

    /// <summary>The median as percentile_cont(0.5) over the histogram: the mean of the two middle values (or the middle one).</summary>
    public static readonly string DecisionsSql = $"""
        WITH histogram AS (
            SELECT f.at AS week, f.minutes, sum(f.count) AS n FROM {Rolled("decision")} f
            GROUP BY 1, 2 HAVING sum(f.count) > 0),
        running AS (
            SELECT week, minutes, sum(n) OVER (PARTITION BY week ORDER BY minutes) AS upto, sum(n) OVER (PARTITION BY week) AS total
            FROM histogram)
        SELECT week, total::bigint AS decisions,
               ((min(minutes) FILTER (WHERE upto > floor((total - 1) / 2.0)) + min(minutes) FILTER (WHERE upto > ceil((total - 1) / 2.0))) / 120.0)::float8 AS median_hours
        FROM running
        GROUP BY week, total ORDER BY week
        """;

    public static readonly string RefundsSql = $"""
        SELECT f.at AS week, f.label AS currency, sum(f.amount) AS amount, sum(f.count)::bigint AS refunds
        FROM {Rolled("refund")} f
        GROUP BY 1, 2 HAVING sum(f.count) <> 0 ORDER BY 1, 2
        """;

    // The same figures straight from the cases (the baseline; decision times exact to the second).
    public const string DirectResponsesSql = """
        SELECT date_trunc('week', r.first_response_at AT TIME ZONE 'UTC') AS week,
               count(*) FILTER (WHERE r.first_response_met) AS met,
               count(*) FILTER (WHERE NOT r.first_response_met) AS missed
        FROM refund_requests r
        JOIN organisations o ON o.id = r.organisation_id AND o.region = ANY(@regions)
        WHERE r.first_response_at >= @from AND r.first_response_at < @to
        GROUP BY 1 ORDER BY 1
        """;

    public const string DirectDeadlinesSql = """
        SELECT date_trunc('week', d.due_at AT TIME ZONE 'UTC') AS week,
               count(*) FILTER (WHERE d.state = 'Met') AS met,
               count(*) FILTER (WHERE d.state = 'Missed') AS missed,
               count(*) FILTER (WHERE d.state = 'Cancelled') AS cancelled,
               count(*) FILTER (WHERE d.state = 'Pending') AS pending
        FROM ace_deadlines d
        JOIN organisations o ON o.id = d.organisation_id AND o.region = ANY(@regions)
        WHERE d.due_at >= @from AND d.due_at < @to
        GROUP BY 1 ORDER BY 1
        """;

    public const string DirectBacklogSql = """
        SELECT q.kind,
               count(*) FILTER (WHERE q.filed_at > @now - interval '1 day') AS under_a_day,
               count(*) FILTER (WHERE q.filed_at <= @now - interval '1 day' AND q.filed_at > @now - interval '3 days') AS one_to_three,
               count(*) FILTER (WHERE q.filed_at <= @now - interval '3 days' AND q.filed_at > @now - interval '7 days') AS three_to_seven,
               count(*) FILTER (WHERE q.filed_at <= @now - interval '7 days') AS over_a_week
        FROM queue_items q
        JOIN organisations o ON o.id = q.organisation_id AND o.region = ANY(@regions)
        GROUP BY q.kind ORDER BY q.kind
        """;

    public const string DirectDecisionsSql = """
        SELECT week, count(*) AS decisions, percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours
        FROM (SELECT date_trunc('week', r.decided_at AT TIME ZONE 'UTC') AS week,
                     extract(epoch FROM r.decided_at - r.filed_at) / 3600 AS hours
              FROM refund_requests r
              JOIN organisations o ON o.id = r.organisation_id AND o.region = ANY(@regions)
              WHERE r.decided_at >= @from AND r.decided_at < @to
              UNION ALL
              SELECT date_trunc('week', c.decided_at AT TIME ZONE 'UTC'),
                     extract(epoch FROM c.decided_at - c.filed_at) / 3600
              FROM ace_complaints c
              JOIN organisations o ON o.id = c.organisation_id AND o.region = ANY(@regions)
              WHERE c.decided_at >= @from AND c.decided_at < @to) decided
        GROUP BY week ORDER BY week
        """;

    public const string DirectRefundsSql = """
        SELECT date_trunc('week', l.at AT TIME ZONE 'UTC') AS week, l.currency, sum(l.amount) AS amount, count(*) AS refunds
        FROM ledger_entries l
        JOIN ad_accounts a ON a.id = l.ad_account_id AND a.region = ANY(@regions)
        WHERE l.refund_request_id IS NOT NULL AND l.at >= @from AND l.at < @to
        GROUP BY 1, 2 ORDER BY 1, 2
        """;

    /// <summary>Each figure's statement: as the page reads it, and straight from the cases.</summary>
    public static readonly IReadOnlyDictionary<string, (string Rolled, string Direct)> Statements = new Dictionary<string, (string, string)>
    {
        [Responses] = (ResponsesSql, DirectResponsesSql),
        [Deadlines] = (DeadlinesSql, DirectDeadlinesSql),
        [Backlog] = (BacklogSql, DirectBacklogSql),
        [Decisions] = (DecisionsSql, DirectDecisionsSql),
        [Refunds] = (RefundsSql, DirectRefundsSql),
    };

    /// <summary>The statement's parameters: the period, the regions, now and the three hours the backlog's age boundaries cut.</summary>
    public static void AddParameters(NpgsqlCommand command, DashboardFilter filter, DateTimeOffset now)
    {
        static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);
        var regions = (filter.Region is { } region ? [region] : Enum.GetValues<Region>()).Select(r => r.ToString()).ToArray();
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = filter.From(now) });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = DashboardFilter.WeekOf(now).AddDays(7) });
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
        command.Parameters.Add(new NpgsqlParameter("regions", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = regions });
        command.Parameters.Add(new NpgsqlParameter("cut1", NpgsqlDbType.TimestampTz) { Value = Hour(now.AddDays(-1)) });
        command.Parameters.Add(new NpgsqlParameter("cut3", NpgsqlDbType.TimestampTz) { Value = Hour(now.AddDays(-3)) });
        command.Parameters.Add(new NpgsqlParameter("cut7", NpgsqlDbType.TimestampTz) { Value = Hour(now.AddDays(-7)) });
    }

    /// <summary>The figures computed straight from the cases, as the roll-ups would give them (for checks).</summary>
    public static async Task<DeskFigures> ReadDirectAsync(AppDbContext db, DashboardFilter filter, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ReadAsync(db, filter, now, direct: true, cancellationToken);

    public static async Task<DeskFigures> ReadAsync(AppDbContext db, DashboardFilter filter, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ReadAsync(db, filter, now, direct: false, cancellationToken);

    private static async Task<DeskFigures> ReadAsync(AppDbContext db, DashboardFilter filter, DateTimeOffset now, bool direct, CancellationToken cancellationToken)
    {
        var from = filter.From(now);
        var weeks = Enumerable.Range(0, filter.Weeks).Select(i => from.AddDays(7 * i)).ToList();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            async Task<List<T>> Query<T>(string figure, Func<DbDataReader, T> read)
            {
                var (rolled, directSql) = Statements[figure];
                await using var command = new NpgsqlCommand(direct ? directSql : rolled, connection);
                AddParameters(command, filter, now);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(read(reader));
                }

                return rows;
            }

            static DateTimeOffset Week(DbDataReader r) => new(DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc));

            var responses = (await Query(Responses, r => new WeekResponses(Week(r), r.GetInt64(1), r.GetInt64(2)))).ToDictionary(w => w.Week);
            var deadlines = (await Query(Deadlines, r => new WeekDeadlines(Week(r), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))).ToDictionary(w => w.Week);
            var backlog = await Query(Backlog, r => new BacklogRow(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));
            var decisions = (await Query(Decisions, r => new WeekDecisions(Week(r), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetDouble(2)))).ToDictionary(w => w.Week);
            var refunds = await Query(Refunds, r => new WeekRefunds(Week(r), r.GetString(1).Trim(), r.GetDecimal(2), r.GetInt64(3)));

            // Every week of the period appears, with zeros where nothing happened, so the charts' axes are the period.
            return new DeskFigures(
                weeks.Select(w => responses.GetValueOrDefault(w) ?? new WeekResponses(w, 0, 0)).ToList(),
                weeks.Select(w => deadlines.GetValueOrDefault(w) ?? new WeekDeadlines(w, 0, 0, 0, 0)).ToList(),
                backlog,
                weeks.Select(w => decisions.GetValueOrDefault(w) ?? new WeekDecisions(w, 0, null)).ToList(),
                refunds);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
