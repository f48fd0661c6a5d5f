using System.Net;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Core;
using Serilog.Events;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// Issue 13: given a server without the app's database, start-up creates it when the app's user may (CREATEDB), and
/// otherwise stops with one sentence in the log saying what to do, not only a stack trace.
/// </summary>
public sealed class MissingDatabaseTests(PostgresFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AUserWithCreateDb_StartsTheApp_OnAServerWithoutItsDatabase_WhichIsCreatedAndMigrated()
    {
        var (connectionString, cleanUp) = await MissingDatabaseForNewRoleAsync("CREATEDB");
        try
        {
            await using var host = new HostOn(postgres, connectionString);
            await host.InitializeAsync();
            using var client = host.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Public/Complaints/New", UriKind.Relative), Cancel)).StatusCode);
            Assert.DoesNotContain(host.Log.Events, e => e.Level >= LogEventLevel.Error);
        }
        finally
        {
            await cleanUp();
        }
    }

    [Fact]
    public async Task AUserWithoutCreateDb_StopsTheApp_WithOneSentenceInTheLogSayingWhatToDo()
    {
        var (connectionString, cleanUp) = await MissingDatabaseForNewRoleAsync("NOCREATEDB");
        try
        {
            await using var host = new HostOn(postgres, connectionString);
            await host.InitializeAsync();

            Assert.ThrowsAny<Exception>(() => host.Services);

            var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            var critical = Assert.Single(host.Log.Events, e => e.Level == LogEventLevel.Fatal);
            var sentence = critical.RenderMessage();
            Assert.Contains($"\"{database}\" does not exist", sentence, StringComparison.Ordinal);
            Assert.Contains("may not create it", sentence, StringComparison.Ordinal);
            Assert.Contains("CREATE DATABASE", sentence, StringComparison.Ordinal);
            Assert.Contains("CREATEDB", sentence, StringComparison.Ordinal);
            Assert.Null(critical.Exception);
        }
        finally
        {
            await cleanUp();
        }
    }

    /// <summary>A new login role (with or without CREATEDB) and the connection string of a database that does not exist.</summary>
    private async Task<(string ConnectionString, Func<Task> CleanUp)> MissingDatabaseForNewRoleAsync(string createDb)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var role = $"adp_{createDb.ToLowerInvariant()}_{suffix}";
        var database = $"m_missing_{suffix}";
        const string password = "Missing-db-test-2026";
        await ExecuteAsync($"CREATE ROLE \"{role}\" LOGIN {createDb} PASSWORD '{password}'");
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString(database)) { Username = role, Password = password }.ConnectionString;
        return (connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            await ExecuteAsync($"DROP ROLE IF EXISTS \"{role}\"");
        });
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private sealed class HostOn(PostgresFixture postgres, string connectionString) : AppFactory(postgres)
    {
        public CapturedLog Log { get; } = new();

        protected override bool OwnsDatabase => false;

        public override ValueTask InitializeAsync()
        {
            ConnectionString = connectionString;
            return ValueTask.CompletedTask;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Log));
        }
    }
}
