using System.Net;
using AdPolicy.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace AdPolicy.Benchmarks;

/// <summary>The real app (AddAdPolicy, real Kestrel on 127.0.0.1, Production, sweeps, outbox and webhook sender off) on a benchmark's database.</summary>
public static class BenchApp
{
    /// <summary>Where the app's log goes (standard error, sent to this file so the figures stay readable).</summary>
    public static readonly string LogFile = Path.Combine(Path.GetTempPath(), "adpolicy-bench-app.log");

    private static bool _errorsToFile;

    public static async Task<WebApplication> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (!_errorsToFile)
        {
            _errorsToFile = true;
            Console.SetError(new StreamWriter(LogFile, append: false) { AutoFlush = true });
            Console.WriteLine($"The app logs at production levels to {LogFile}.");
        }

        // The application is the web project, so its Razor pages are found although the entry assembly is this one.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ApplicationName = "AdPolicy.Web", Args = [] });
        builder.Configuration["ConnectionStrings:AdPolicy"] = connectionString;
        builder.Configuration["Sweeps:Enabled"] = "false";
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Webhooks:Enabled"] = "false";
        // The app logs as in production (appsettings.json: Information, one line per request, compact JSON on the console),
        // so its cost is in every figure; the lines go to standard error, which Program sends to a file.
        builder.Configuration["Serilog:MinimumLevel:Default"] = Environment.GetEnvironmentVariable("ADPOLICY_BENCH_LOG") is { Length: > 0 } level ? level : "Information";
        builder.Configuration["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Warning";
        builder.Configuration["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Warning";
        builder.Configuration["Serilog:Using:0"] = "Serilog.Sinks.Console";
        builder.Configuration["Serilog:Using:1"] = "Serilog.Formatting.Compact";
        builder.Configuration["Serilog:WriteTo:0:Name"] = "Console";
        builder.Configuration["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Compact.RenderedCompactJsonFormatter, Serilog.Formatting.Compact";
        builder.Configuration["Serilog:WriteTo:0:Args:standardErrorFromLevel"] = "Verbose";

        builder.Configuration["Evidence:Root"] = Path.Combine(Path.GetTempPath(), "adpolicy-bench-evidence");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.AddAdPolicy();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        await app.UseAdPolicyAsync();
        await app.StartAsync();
        return app;
    }
}
