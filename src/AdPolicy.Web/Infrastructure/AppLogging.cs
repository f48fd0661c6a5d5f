using Microsoft.AspNetCore.Diagnostics;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Serilog from the "Serilog" configuration section (levels, sinks, formats: text in Development, compact JSON
/// elsewhere) and Serilog's request log, which names the route template, never the requested path.
/// </summary>
public static class AppLogging
{
    /// <summary>What the request log says for a request that matched no route: its path is never written.</summary>
    public const string NoRoute = "(no route)";

    /// <summary>
    /// Test hosts share one process, so the static <see cref="Log.Logger"/> is left alone; sinks registered as
    /// <see cref="Serilog.Core.ILogEventSink"/> services are added to the configured ones.
    /// </summary>
    public static void AddAdPolicyLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<DropRequestPath>(),
            preserveStaticLogger: true);

    /// <summary>
    /// One line per request after routing: method, route template, status, elapsed. A complainant's tracking token or a
    /// forged line in an unmatched path cannot reach the log; health probes are logged at Debug; the re-executed error
    /// and status pages are not logged a second time.
    /// </summary>
    public static void UseAdPolicyRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0000} ms";
            o.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : IsReExecution(context) ? LogEventLevel.Verbose
                : context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) ? LogEventLevel.Debug
                : LogEventLevel.Information;
            o.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("Route", new ScalarValue(Route(context))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });

    /// <summary>The matched route template (/Public/Complaints/Track/{token}), or <see cref="NoRoute"/>.</summary>
    public static string Route(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }
            ? "/" + template.TrimStart('/')
            : NoRoute;

    private static bool IsReExecution(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null;

    /// <summary>
    /// ASP.NET Core's request scope puts the raw path on every event logged during a request (RequestPath): a tracking
    /// token, or whatever an attacker typed. It never reaches a sink; the request log's Route says which page it was.
    /// </summary>
    private sealed class DropRequestPath : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) => logEvent.RemovePropertyIfPresent("RequestPath");
    }
}
