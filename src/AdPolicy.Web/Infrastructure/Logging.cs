using System.Diagnostics;
using Serilog;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace AdPolicy.Web.Infrastructure;

public static class Logging
{
    /// <summary>
    /// Serilog from configuration ("Serilog" section chooses levels and sinks), plugged in as the only provider.
    /// No static Log.Logger: test hosts share one process.
    /// </summary>
    public static void AddAdPolicyLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders().AddSerilog(logger, dispose: true);
    }
}

/// <summary>One completion line per request: method, path, status, elapsed. Never the query string or the body.</summary>
public sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var path = context.Request.Path.Value ?? string.Empty;
            if (logger.IsEnabled(LogLevel.Information) && !path.StartsWith("/lib/", StringComparison.Ordinal) && !path.StartsWith("/health", StringComparison.Ordinal))
            {
                var loggedPath = LoggedPath(context);
                LogRequest(logger, context.Request.Method, loggedPath, context.Response.StatusCode, elapsed);
            }
        }
    }

    /// <summary>
    /// The route template when the request matched one (/Public/Complaints/Track/{token}), so secrets carried in a path,
    /// like a complainant's tracking token, never reach the log; the path itself only when nothing matched.
    /// </summary>
    public static string LoggedPath(HttpContext context) =>
        context.GetEndpoint() is Microsoft.AspNetCore.Routing.RouteEndpoint { RoutePattern.RawText: { } template }
            ? "/" + template.TrimStart('/')
            : context.Request.Path.Value ?? string.Empty;

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
