using System.Net;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// Issue 17, start-up: a current database is recognised without EF's migrator (and anything else still goes through
/// it); the key ring and background work wait until the host has started, and the app still signs people in before then.
/// </summary>
public sealed class StartupPathTests(PostgresFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheMigrationsFoundWithoutEf_AreTheOnesEfFinds()
    {
        await using var db = new AppDbContext(AppDbContext.Options(postgres.ConnectionString("unused")));

        Assert.Equal(db.Database.GetMigrations(), DatabaseMigrations.KnownMigrations);
    }

    [Fact]
    public async Task ADatabaseIsCurrent_OnlyWithEveryMigrationRecorded_AndNoEarlierSqlFilesTable()
    {
        var database = await postgres.CreateDatabaseAsync("current");
        var empty = await postgres.CreateEmptyDatabaseAsync("current_empty");
        var missing = postgres.ConnectionString($"m_never_{Guid.NewGuid():N}");
        var logger = NullLogger<DatabaseMigrations>.Instance;
        try
        {
            Assert.True(await DatabaseMigrations.IsCurrentAsync(database, logger, Cancel));
            Assert.False(await DatabaseMigrations.IsCurrentAsync(empty, logger, Cancel));
            Assert.False(await DatabaseMigrations.IsCurrentAsync(missing, logger, Cancel));

            var latest = DatabaseMigrations.KnownMigrations[^1];
            await ExecuteAsync(database, $"DELETE FROM \"__EFMigrationsHistory\" WHERE migration_id = '{latest}'");
            Assert.False(await DatabaseMigrations.IsCurrentAsync(database, logger, Cancel)); // a pending migration: EF's migrator runs

            await ExecuteAsync(database, $"INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ('{latest}', 'test')");
            Assert.True(await DatabaseMigrations.IsCurrentAsync(database, logger, Cancel));

            await ExecuteAsync(database, "CREATE TABLE schema_migrations (id text PRIMARY KEY)");
            Assert.False(await DatabaseMigrations.IsCurrentAsync(database, logger, Cancel)); // the earlier SQL files' check runs
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
            await postgres.DropDatabaseAsync(empty);
        }
    }

    [Fact]
    public async Task TheKeyRingAndTheSweeps_WaitForTheHost_AndSignInWorksBeforeThem()
    {
        await using var app = new LateBackgroundApp(postgres);
        await app.InitializeAsync();
        _ = app.Services; // the host has started

        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        Assert.Equal(0, await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Cancel)));
        Assert.Empty(app.Services.GetRequiredService<SweepStatus>().Entries);

        var advertiser = await app.CreateAdvertiserAsync();
        using var client = await app.SignedInAsync(advertiser.Email); // the first request that needs the key ring reads it
        var myCases = await client.GetAsync("/Refunds");

        Assert.Equal(HttpStatusCode.OK, myCases.Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Cancel)));
    }

    [Fact]
    public async Task AfterTheHostHasStarted_TheKeyRingIsRead_WithoutARequest()
    {
        await using var app = new PromptBackgroundApp(postgres);
        await app.InitializeAsync();
        _ = app.Services;

        var keys = 0;
        for (var tries = 0; tries < 150 && keys == 0; tries++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), Cancel);
            keys = await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Cancel));
        }

        Assert.Equal(1, keys);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <summary>Background work a minute after start: nothing of it may happen during the test.</summary>
    private sealed class LateBackgroundApp(PostgresFixture postgres) : AppFactory(postgres)
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
            [(AfterStart.DelaySetting, "60000"), ("Sweeps:Enabled", "true"), ("Sweeps:IntervalSeconds", "1")];
    }

    private sealed class PromptBackgroundApp(PostgresFixture postgres) : AppFactory(postgres)
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [(AfterStart.DelaySetting, "0")];
    }
}
