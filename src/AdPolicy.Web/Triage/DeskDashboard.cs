using System.Data.Common;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AdPolicy.Web.Triage;

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
/// How the desk is doing, as SQL aggregates: each figure is one GROUP BY over the rows of the period, found through an
/// index on the column that dates it (the Desk migration); the region filter joins the advertiser. The benchmark runs these
/// same statements at a million cases (docs/benchmarks.md).
/// </summary>
public static class DeskDashboard
{

    public const string ResponsesSql = """
        SELECT date_trunc('week', r.first_response_at AT TIME ZONE 'UTC') AS week,
               count(*) FILTER (WHERE r.first_response_met) AS met,
               count(*) FILTER (WHERE NOT r.first_response_met) AS missed
        FROM refund_requests r
        JOIN organisations o ON o.id = r.organisation_id AND o.region = ANY(@regions)
        WHERE r.first_response_at >= @from AND r.first_response_at < @to
        GROUP BY 1 ORDER BY 1
        """;

    public const string DeadlinesSql = """
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

    public const string BacklogSql = """
        SELECT q.kind,
               count(*) FILTER (WHERE q.filed_at > @now - interval '1 day') AS under_a_day,
               count(*) FILTER (WHERE q.filed_at <= @now - interval '1 day' AND q.filed_at > @now - interval '3 days') AS one_to_three,
               count(*) FILTER (WHERE q.filed_at <= @now - interval '3 days' AND q.filed_at > @now - interval '7 days') AS three_to_seven,
               count(*) FILTER (WHERE q.filed_at <= @now - interval '7 days') AS over_a_week
        FROM queue_items q
        JOIN organisations o ON o.id = q.organisation_id AND o.region = ANY(@regions)
        GROUP BY q.kind ORDER BY q.kind
        """;

    public const string DecisionsSql = """
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

    public const string RefundsSql = """
        SELECT date_trunc('week', l.at AT TIME ZONE 'UTC') AS week, l.currency, sum(l.amount) AS amount, count(*) AS refunds
        FROM ledger_entries l
        JOIN ad_accounts a ON a.id = l.ad_account_id AND a.region = ANY(@regions)
        WHERE l.refund_request_id IS NOT NULL AND l.at >= @from AND l.at < @to
        GROUP BY 1, 2 ORDER BY 1, 2
        """;

    public static async Task<DeskFigures> ReadAsync(AppDbContext db, DashboardFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = filter.From(now);
        var to = DashboardFilter.WeekOf(now).AddDays(7);
        var weeks = Enumerable.Range(0, filter.Weeks).Select(i => from.AddDays(7 * i)).ToList();
        var regions = (filter.Region is { } region ? [region] : Enum.GetValues<Region>()).Select(r => r.ToString()).ToArray();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            async Task<List<T>> Query<T>(string sql, Func<DbDataReader, T> read)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = from });
                command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = to });
                command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
                command.Parameters.Add(new NpgsqlParameter("regions", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = regions });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(read(reader));
                }

                return rows;
            }

            static DateTimeOffset Week(DbDataReader r) => new(DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc));

            var responses = (await Query(ResponsesSql, r => new WeekResponses(Week(r), r.GetInt64(1), r.GetInt64(2)))).ToDictionary(w => w.Week);
            var deadlines = (await Query(DeadlinesSql, r => new WeekDeadlines(Week(r), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))).ToDictionary(w => w.Week);
            var backlog = await Query(BacklogSql, r => new BacklogRow(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));
            var decisions = (await Query(DecisionsSql, r => new WeekDecisions(Week(r), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetDouble(2)))).ToDictionary(w => w.Week);
            var refunds = await Query(RefundsSql, r => new WeekRefunds(Week(r), r.GetString(1).Trim(), r.GetDecimal(2), r.GetInt64(3)));

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
