using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// EF Core migrations build the schema the SQL files of earlier releases built (tables, indexes, sequences, triggers,
/// functions); a database made by those files starts with its data; hosts starting together migrate once.
/// </summary>
public sealed class MigrationTests(PostgresFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheModel_HasNoChangesThatAreNotInAMigration()
    {
        var database = await postgres.CreateDatabaseAsync("pending");
        try
        {
            await using var db = new AppDbContext(AppDbContext.Options(database));

            Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run 'dotnet ef migrations add <Name> --project src/AdPolicy.Web'.");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Cancel));
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Cancel));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task TheBaselineFromAnEmptyDatabase_BuildsTheSchemaTheSqlFilesBuilt_TriggersAndFunctionsIncluded()
    {
        // The baseline stands for the SQL files; migrations after it (the desk's, issue 14) change the schema on purpose.
        var migrated = await postgres.CreateEmptyDatabaseAsync("from_empty");
        var legacy = await postgres.CreateEmptyDatabaseAsync("legacy");
        try
        {
            await using (var db = new AppDbContext(AppDbContext.Options(migrated)))
            {
                await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>()
                    .MigrateAsync(db.Database.GetMigrations().First(m => m.EndsWith("_Baseline", StringComparison.Ordinal)), Cancel);
            }

            await LegacySql.BuildAsync(legacy);

            var expected = await DescribeAsync(legacy);
            var actual = await DescribeAsync(migrated);

            Assert.Equal(expected.Except(actual).ToList(), []);
            Assert.Equal(actual.Except(expected).ToList(), []);
            string[] triggers =
            [
                "refund_events refund_events_append_only", "ace_complaint_events ace_complaint_events_append_only",
                "queue_items queue_items_counted_on_insert", "queue_items queue_items_counted_on_update", "queue_items queue_items_counted_on_delete",
            ];
            Assert.All(triggers, t => Assert.Contains(actual, line => line.StartsWith("trigger " + t + " ", StringComparison.Ordinal)));
            Assert.Contains(actual, line => line.StartsWith("function fold_queue_count_deltas ", StringComparison.Ordinal));
            Assert.Contains(actual, line => line.StartsWith("index CREATE INDEX ix_notifications_unread ", StringComparison.Ordinal) && line.EndsWith("WHERE (read_at IS NULL)", StringComparison.Ordinal));
        }
        finally
        {
            await postgres.DropDatabaseAsync(migrated);
            await postgres.DropDatabaseAsync(legacy);
        }
    }

    [Fact]
    public async Task SchemaDescription_SeesADroppedColumnAndADroppedTrigger()
    {
        var database = await postgres.CreateDatabaseAsync("drift");
        try
        {
            var before = await DescribeAsync(database);
            await ExecuteAsync(database, "ALTER TABLE promotions DROP COLUMN objective; DROP TRIGGER refund_events_append_only ON refund_events;");
            var after = await DescribeAsync(database);

            Assert.Contains(before.Except(after), line => line.Contains("promotions.objective", StringComparison.Ordinal));
            Assert.Contains(before.Except(after), line => line.Contains("refund_events_append_only", StringComparison.Ordinal));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task ThreeHostsStartingAtOnce_OnAnEmptyDatabase_MigrateItOnce()
    {
        var database = await postgres.CreateEmptyDatabaseAsync("concurrent");
        var template = await postgres.CreateDatabaseAsync("concurrent_template");
        var hosts = Enumerable.Range(0, 3).Select(_ => new HostOn(postgres, database)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(async () =>
            {
                await h.InitializeAsync();
                _ = h.Services; // builds and starts the host: Program migrates before it serves
            }, Cancel)));

            await using var db = new AppDbContext(AppDbContext.Options(database));
            var history = await db.Database.SqlQuery<string>($"SELECT migration_id AS \"Value\" FROM \"__EFMigrationsHistory\" ORDER BY 1").ToListAsync(Cancel);
            Assert.Equal(db.Database.GetMigrations(), history);
            Assert.Equal(await DescribeAsync(template), await DescribeAsync(database));
            foreach (var host in hosts)
            {
                using var client = host.CreateClient();
                Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Cancel)).StatusCode);
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            await postgres.DropDatabaseAsync(database);
            await postgres.DropDatabaseAsync(template);
        }
    }

    [Fact]
    public async Task ADatabaseMadeByTheSqlFiles_StartsAndKeepsItsData_WithoutRunningTheBaseline()
    {
        var database = await postgres.CreateEmptyDatabaseAsync("upgrade");
        var template = await postgres.CreateDatabaseAsync("upgrade_template");
        await LegacySql.BuildAsync(database);
        var (email, reference) = await SeedAsync(database);
        await using var host = new HostOn(postgres, database);
        try
        {
            await host.InitializeAsync();
            using var client = await host.SignedInAsync(email);
            var myCases = await client.GetAsync("/Refunds");

            Assert.Contains(reference, myCases.Text, StringComparison.Ordinal);
            await using var db = new AppDbContext(AppDbContext.Options(database));
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Cancel));
            Assert.Equal(
                LegacySql.Files.Count,
                await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM schema_migrations").SingleAsync(Cancel));
            var upgraded = await DescribeAsync(database);
            Assert.Equal(await DescribeAsync(template), upgraded);
            Assert.Equal(1, await db.RefundRequests.CountAsync(Cancel));
            Assert.Equal(1, await db.QueueItems.CountAsync(Cancel));

            // The desk migration filled in what earlier releases did not keep: the queue row's search text, the first response.
            Assert.Equal($"{reference.ToLowerInvariant()} upgraded org cmp-upgrade-1", await db.QueueItems.Select(q => q.SearchText).SingleAsync(Cancel));
            var upgradedRequest = await db.RefundRequests.SingleAsync(Cancel);
            Assert.Equal(AppFactory.Start.AddHours(3), upgradedRequest.FirstResponseAt);
            Assert.True(upgradedRequest.FirstResponseMet);
            Assert.Equal(AppFactory.Start.AddHours(3), upgradedRequest.StaffRespondedAt);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
            await postgres.DropDatabaseAsync(template);
        }
    }

    [Fact]
    public async Task ADatabaseHalfwayThroughTheSqlFiles_IsRefusedWithASentence_AndLeftAsItWas()
    {
        var database = await postgres.CreateEmptyDatabaseAsync("halfway");
        await LegacySql.BuildAsync(database, upTo: "0005_deadline_service");
        var before = await DescribeAsync(database);
        await using var host = new HostOn(postgres, database);
        try
        {
            await host.InitializeAsync();

            var refused = Assert.ThrowsAny<Exception>(() => host.Services);

            var message = string.Join(" / ", Flatten(refused).Select(e => e.Message));
            Assert.Contains("stop before 0006_appeals, 0007_event_sequences", message, StringComparison.Ordinal);
            Assert.Equal(before, await DescribeAsync(database));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>An advertiser with a filed refund request, written straight into the database the old release built.</summary>
    private static async Task<(string Email, string Reference)> SeedAsync(string connectionString)
    {
        // Written as SQL, as the earlier release's schema has it: today's model has columns that schema does not.
        var now = AppFactory.Start;
        const string email = "upgraded@test.example";
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = "Upgraded Advertiser" };
        var hash = new PasswordHasher<AppUser>().HashPassword(user, AppClient.Password);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("""
            INSERT INTO organisations (id, name, region) VALUES (@org, 'Upgraded Org', 'Emea');
            INSERT INTO ad_accounts (id, organisation_id, name, region, currency) VALUES (@account, @org, 'Main account', 'Emea', 'EUR');
            INSERT INTO promotions (id, ad_account_id, external_campaign_id, name, objective, currency, budget_amount, spent_amount, starts_at, ends_at,
                                    targeting_summary, promised_impressions, delivered_impressions, promised_engagements, delivered_engagements, status)
            VALUES (@promotion, @account, 'CMP-UPGRADE-1', 'Spring launch', 'Reach', 'EUR', 1000, 1000, @now - interval '30 days', @now - interval '10 days',
                    'Everyone', 100000, 60000, 0, 0, 'Completed');
            INSERT INTO roles (id, name, normalized_name) VALUES (@role, 'Advertiser', 'ADVERTISER');
            INSERT INTO users (id, display_name, organisation_id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                               security_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES (@user, 'Upgraded Advertiser', @org, @email, upper(@email), @email, upper(@email), true, @hash, @stamp, false, false, true, 0);
            INSERT INTO user_roles (user_id, role_id) VALUES (@user, @role);
            INSERT INTO refund_requests (id, organisation_id, ad_account_id, promotion_id, campaign_external_id, reason, description, currency,
                requested_amount, suggested_amount, status, filed_at, filed_by_id, filed_by_name, idempotency_key, has_been_disputed, follow_up_count,
                response_due_at, clock_due_at, updated_at, event_count)
            VALUES (@request, @org, @account, @promotion, 'CMP-UPGRADE-1', 'PerformanceShortfall', 'Delivery stopped at 60%.', 'EUR', 300, 400, 'InReview',
                    @now, @user, 'Upgraded Advertiser', gen_random_uuid(), false, 0, @now + interval '48 hours', @now + interval '48 hours', @now, 2);
            INSERT INTO refund_events (id, refund_request_id, sequence, kind, actor_name, actor_kind, at, is_internal)
            VALUES (gen_random_uuid(), @request, 1, 'Filed', 'Upgraded Advertiser', 'Advertiser', @now, false),
                   (gen_random_uuid(), @request, 2, 'StaffReplied', 'Sam Support', 'Staff', @now + interval '3 hours', false);
            INSERT INTO queue_items (case_id, kind, reference, organisation_id, subject, status, reason, filed_at, clock_due_at, sort_due,
                                     follow_up_count, overdue_for_review, updated_at)
            SELECT @request, 'RefundRequest', 'RF-' || number, @org, 'CMP-UPGRADE-1', 'InReview', 'PerformanceShortfall', @now,
                   @now + interval '48 hours', @now + interval '48 hours', 0, false, @now FROM refund_requests WHERE id = @request;
            SELECT 'RF-' || number FROM refund_requests WHERE id = @request;
            """, connection);
        command.Parameters.AddWithValue("org", Guid.NewGuid());
        command.Parameters.AddWithValue("account", Guid.NewGuid());
        command.Parameters.AddWithValue("promotion", Guid.NewGuid());
        command.Parameters.AddWithValue("role", Guid.NewGuid());
        command.Parameters.AddWithValue("user", user.Id);
        command.Parameters.AddWithValue("request", Guid.NewGuid());
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString("N"));
        command.Parameters.AddWithValue("now", now);
        var reference = (string)(await command.ExecuteScalarAsync(Cancel))!;
        return (email, reference);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Tables and columns (type, nullability, default), constraints, indexes, sequences, triggers and functions, as sorted
    /// lines; the two migration history tables are left out.
    /// </summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || c.table_name || '.' || c.column_name || ' ' || c.data_type
                || coalesce('(' || c.character_maximum_length || ')', '')
                || coalesce(' p' || c.numeric_precision || ',' || c.numeric_scale, '')
                || ' null=' || c.is_nullable || ' identity=' || c.is_identity || coalesce(' ' || c.identity_generation, '')
                || coalesce(' default=' || c.column_default, '')
            FROM information_schema.columns c
            WHERE c.table_schema = 'public' AND c.table_name NOT IN ('schema_migrations', '__EFMigrationsHistory')
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('schema_migrations', '"__EFMigrationsHistory"')
            UNION ALL
            SELECT 'index ' || indexdef
            FROM pg_indexes
            WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', '__EFMigrationsHistory')
            UNION ALL
            SELECT 'sequence ' || sequence_name || ' start=' || start_value || ' increment=' || increment
            FROM information_schema.sequences
            WHERE sequence_schema = 'public'
            UNION ALL
            SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || pg_get_triggerdef(oid)
            FROM pg_trigger
            WHERE NOT tgisinternal
            UNION ALL
            SELECT 'function ' || p.proname || ' ' || md5(pg_get_functiondef(p.oid))
            FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
            """;
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The app on a database the test made and drops itself.</summary>
    private sealed class HostOn(PostgresFixture postgres, string connectionString) : AppFactory(postgres)
    {
        protected override bool OwnsDatabase => false;

        public override ValueTask InitializeAsync()
        {
            ConnectionString = connectionString;
            return ValueTask.CompletedTask;
        }
    }
}
