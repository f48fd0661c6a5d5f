using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdPolicy.Web.Infrastructure;

public sealed class DatabaseLimits
{
    public const string Section = "Database";

    /// <summary>How long a request waits for a pooled connection (or a new one) before it is told to come back (503).</summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 2;

    /// <summary>How long a statement waits for a row another transaction holds (PostgreSQL lock_timeout).</summary>
    [Range(100, 60_000)]
    public int LockTimeoutMilliseconds { get; set; } = 1_000;

    /// <summary>Requests served at once; 0: the connection pool's size less two (for health checks and background work).</summary>
    [Range(0, 10_000)]
    public int MaxConcurrentRequests { get; set; }

    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    public int ConcurrentRequests(string connectionString) =>
        MaxConcurrentRequests > 0 ? MaxConcurrentRequests : Math.Max(1, new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize - 2);
}

/// <summary>
/// Under pressure the app answers quickly instead of hanging: a bounded wait for a connection and for locked rows,
/// a cap on requests in flight in front of the pages (all of which read the database), and one place that turns what
/// went wrong below into the answer a person can act on: 503 with Retry-After when the database is saturated or away,
/// 404 for a file missing from the store (logged as an error), 413 for a body over the limit, 400 for text longer than
/// its column or with characters PostgreSQL cannot store (NUL). Anything else still goes to the error page.
/// </summary>
public static partial class FailFast
{
    /// <summary>The connection string the app's DbContext uses: the configured one with a bounded connect and lock wait.</summary>
    public static string Harden(string connectionString, IConfiguration configuration)
    {
        var limits = configuration.GetSection(DatabaseLimits.Section).Get<DatabaseLimits>() ?? new DatabaseLimits();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(configuration[$"{DatabaseLimits.Section}:ConnectTimeoutSeconds"]) && connectionString.Contains("Timeout=", StringComparison.OrdinalIgnoreCase))
        {
            return AddLockTimeout(builder, limits).ConnectionString; // an explicit Timeout in the connection string wins
        }

        builder.Timeout = limits.ConnectTimeoutSeconds;
        return AddLockTimeout(builder, limits).ConnectionString;
    }

    public static void AddAdPolicyFailFast(this IServiceCollection services)
    {
        services.AddOptions<DatabaseLimits>().BindConfiguration(DatabaseLimits.Section).ValidateDataAnnotations().ValidateOnStart();

        // /health/ready answers within a second even when the database does not.
        services.PostConfigure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations)
            {
                registration.Timeout = TimeSpan.FromSeconds(1);
            }
        });
        services.AddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<DatabaseLimits>>().Value;
            var permits = limits.ConcurrentRequests(sp.GetRequiredService<DatabaseInfo>().ConnectionString);
            return new RequestGate(new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 }));
        });
    }

    public static void UseAdPolicyFailFast(this WebApplication app) => app.UseMiddleware<FailFastMiddleware>();

    private static NpgsqlConnectionStringBuilder AddLockTimeout(NpgsqlConnectionStringBuilder builder, DatabaseLimits limits)
    {
        var option = string.Create(CultureInfo.InvariantCulture, $"-c lock_timeout={limits.LockTimeoutMilliseconds}");
        builder.Options = string.IsNullOrEmpty(builder.Options) ? option : $"{builder.Options} {option}";
        return builder;
    }

    /// <summary>What an exception from below means for the person who sent the request, or null for a real fault.</summary>
    internal static int? StatusFor(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown }:
                    return StatusCodes.Status503ServiceUnavailable;
                case PostgresException { SqlState: PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                    return StatusCodes.Status400BadRequest;
                case NpgsqlException { InnerException: TimeoutException or System.Net.Sockets.SocketException }:
                case NpgsqlException { IsTransient: true }:
                case TimeoutException:
                    return StatusCodes.Status503ServiceUnavailable;
                case FileNotFoundException or DirectoryNotFoundException:
                    return StatusCodes.Status404NotFound;
                case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                    return StatusCodes.Status413PayloadTooLarge;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database saturated or unavailable: answered 503 ({Reason})")]
    internal static partial void LogBusy(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A stored file is missing from the evidence store; answered 404")]
    internal static partial void LogMissingFile(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request: {Status} ({Reason})")]
    internal static partial void LogRefused(ILogger logger, int status, string reason);
}

public sealed class RequestGate(ConcurrencyLimiter limiter)
{
    public RateLimitLease TryEnter() => limiter.AttemptAcquire();
}

internal sealed class FailFastMiddleware(RequestDelegate next, RequestGate gate, IOptions<DatabaseLimits> limits, ILogger<FailFastMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        using var lease = gate.TryEnter();
        if (!lease.IsAcquired)
        {
            FailFast.LogBusy(logger, "too many requests in flight");
            await BusyAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && FailFast.StatusFor(exception) is { } status)
        {
            switch (status)
            {
                case StatusCodes.Status503ServiceUnavailable:
                    FailFast.LogBusy(logger, exception.GetType().Name);
                    await BusyAsync(context);
                    return;
                case StatusCodes.Status404NotFound:
                    FailFast.LogMissingFile(logger, exception);
                    break;
                default:
                    FailFast.LogRefused(logger, status, exception.GetType().Name);
                    break;
            }

            // An empty body: the status code page explains it.
            context.Response.Clear();
            context.Response.StatusCode = status;
        }
    }

    /// <summary>A plain page that needs nothing from the database (the layout would ask it for unread notifications).</summary>
    private Task BusyAsync(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = limits.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Busy · AdPolicy</title></head><body>" +
            "<h1>AdPolicy is busy</h1><p>Too many requests are waiting for the database. Nothing was changed; try again in a few seconds.</p>" +
            "</body></html>");
    }
}
