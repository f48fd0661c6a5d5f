using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Ready only when the database answers a query through the app's own connection pool and bounds (the same connection
/// string as the app's DbContext, so a saturated pool shows here too). One plain Npgsql query: EF's per-context services
/// are not built for it, so the first /health/ready after start is cheap (issue 17). The schema is current by then:
/// start-up migrates before the host listens.
/// </summary>
public sealed class DatabaseHealthCheck(Lazy<string> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString.Value);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException failure)
        {
            // Only the kind of failure: the message can name the server.
            return new HealthCheckResult(context.Registration.FailureStatus, $"The database does not answer ({failure.GetType().Name}).");
        }
    }
}
