using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// The product's own measurements, beside what OpenTelemetry's instrumentation gives (requests, HttpClient, Npgsql,
/// the runtime): what each sweep found due, did and failed, how late deadlines are acted on, how deep the email outbox
/// is and how long an email waits for delivery, and the staff queue's size by kind.
/// </summary>
public sealed class AdPolicyMetrics
{
    /// <summary>The meter's default name (it is <c>Telemetry:ServiceName</c>, so two apps in one process keep their own).</summary>
    public const string MeterName = "AdPolicy";

    private readonly Counter<long> _sweepDue;
    private readonly Counter<long> _sweepDone;
    private readonly Counter<long> _sweepFailed;
    private readonly Histogram<double> _deadlineLag;
    private readonly Histogram<double> _deliveryLatency;
    private volatile Snapshot _snapshot = new(null, []);

    public AdPolicyMetrics(IMeterFactory meters, Microsoft.Extensions.Options.IOptions<TelemetryOptions> options)
    {
        var meter = meters.Create(options.Value.ServiceName);
        _sweepDue = meter.CreateCounter<long>("adpolicy.sweep.due", "{item}", "Items a sweep found due (deadlines, reminders, count deltas).");
        _sweepDone = meter.CreateCounter<long>("adpolicy.sweep.done", "{item}", "Items a sweep handled.");
        _sweepFailed = meter.CreateCounter<long>("adpolicy.sweep.failed", "{item}", "Items a sweep could not handle (retried at its next run).");
        _deadlineLag = meter.CreateHistogram<double>(
            "adpolicy.deadline.lag", "s", "How long after its due time a missed ACE deadline was enforced.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 900, 3600, 4 * 3600, 24 * 3600] });
        _deliveryLatency = meter.CreateHistogram<double>(
            "adpolicy.outbox.delivery_latency", "s", "From an email entering the outbox to its delivery.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 5, 15, 30, 60, 300, 900, 3600] });
        meter.CreateObservableGauge(
            "adpolicy.outbox.depth", () => _snapshot.OutboxDepth is { } depth ? [new Measurement<long>(depth)] : Array.Empty<Measurement<long>>(), "{email}", "Emails waiting for delivery.");
        meter.CreateObservableGauge(
            "adpolicy.queue.size",
            () => _snapshot.Queue.Select(q => new Measurement<long>(q.Count, new KeyValuePair<string, object?>("kind", q.Kind))),
            "{case}",
            "Open cases in the staff queue, by kind.");
    }

    public void SweepRan(string sweep, SweepResult result)
    {
        var tag = new KeyValuePair<string, object?>("sweep", sweep);
        _sweepDue.Add(result.Due, tag);
        _sweepDone.Add(result.Done, tag);
        _sweepFailed.Add(result.Failed, tag);
    }

    public void DeadlineEnforced(TimeSpan lag) => _deadlineLag.Record(Math.Max(0, lag.TotalSeconds));

    public void EmailDelivered(TimeSpan latency) => _deliveryLatency.Record(Math.Max(0, latency.TotalSeconds));

    /// <summary>The gauges' values, read from the database by <see cref="MetricsSweep"/> (a scrape never queries the database).</summary>
    public void Observed(long outboxDepth, IReadOnlyList<(string Kind, long Count)> queue) => _snapshot = new Snapshot(outboxDepth, queue);

    private sealed record Snapshot(long? OutboxDepth, IReadOnlyList<(string Kind, long Count)> Queue);
}

/// <summary>Reads the outbox depth and the queue size by kind once per sweep interval, for the gauges.</summary>
public sealed class MetricsSweep(AppDbContext db, AdPolicyMetrics metrics) : ISweep
{
    public string Name => "metrics";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var depth = await db.OutboxMessages.LongCountAsync(m => m.SentAt == null, cancellationToken);
        var queue = (await Queue.QueueQuery.CountsAsync(db, cancellationToken))
            .GroupBy(c => c.Kind)
            .Select(g => (g.Key.ToString(), g.Sum(c => c.Count)))
            .ToList();
        metrics.Observed(depth, queue);
        return SweepResult.Nothing;
    }
}

/// <summary>"Telemetry": where traces and metrics go. Nothing is exported and no endpoint is mapped unless configured.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>A path such as <c>/metrics</c> to serve Prometheus' scrape format on; empty: not mapped.</summary>
    public string? PrometheusPath { get; set; }

    /// <summary>An OTLP collector (e.g. http://otel-collector:4317); OTEL_EXPORTER_OTLP_ENDPOINT works too.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The service name on traces and metrics, and the name of the product's meter.</summary>
    public string ServiceName { get; set; } = AdPolicyMetrics.MeterName;
}

public static class Telemetry
{
    /// <summary>The name OpenTelemetry's SDK registers its listener under in the host's metrics pipeline.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>The meters ASP.NET Core's instrumentation would add (OpenTelemetry.Instrumentation.AspNetCore on .NET 8 and later).</summary>
    private static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Identity",
    ];

    public static void AddAdPolicyTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.PrometheusPath is { Length: > 0 } path && !path.StartsWith('/'))
        {
            throw new InvalidOperationException($"Telemetry:PrometheusPath must start with '/', e.g. /metrics (it is \"{path}\").");
        }

        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.Section));
        builder.Services.AddSingleton<AdPolicyMetrics>();
        builder.Services.AddScoped<ISweep, MetricsSweep>();
        var exported = options.OtlpEndpoint is { Length: > 0 } || !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(options.ServiceName));
        if (exported)
        {
            // Traces only when a collector takes them (issue 17): without one, a span for every request and every SQL
            // command (with its text as a tag) was made and thrown away. Log lines still carry the request's trace id.
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        }

        if (!exported && options.PrometheusPath is not { Length: > 0 })
        {
            return; // nobody reads metrics either: no listener aggregates them per request
        }

        otel.WithMetrics(m =>
            {
                m.AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(options.ServiceName);
                if (options.PrometheusPath is { Length: > 0 })
                {
                    m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });

        // ASP.NET Core's meters (requests, routing, rate limits, sign-ins) are made by this host's meter factory. Listening
        // through the host's metrics pipeline with MeterScope.Local reads this host's own, where AddAspNetCoreInstrumentation
        // would listen to every host's in the process: there, another host stopping ends the shared series (the test run
        // has dozens of hosts in one process).
        foreach (var meter in AspNetCoreMeters)
        {
            builder.Metrics.EnableMetrics(meter, instrumentName: null, listenerName: OpenTelemetryListener, MeterScope.Local);
        }

        if (options.OtlpEndpoint is { Length: > 0 } endpoint)
        {
            otel.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        }
        else if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }

    /// <summary>Maps the Prometheus scrape endpoint when <c>Telemetry:PrometheusPath</c> is set (anonymous: keep it on an internal network).</summary>
    public static void MapAdPolicyTelemetry(this WebApplication app)
    {
        if (app.Configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.PrometheusPath)}"] is { Length: > 0 } path)
        {
            app.MapPrometheusScrapingEndpoint(path).AllowAnonymous();
        }
    }
}
