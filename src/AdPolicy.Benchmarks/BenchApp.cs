using System.Net;
using AdPolicy.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace AdPolicy.Benchmarks;

/// <summary>The real app (AddAdPolicy, real Kestrel on 127.0.0.1, Production, sweeps and outbox off) on a benchmark's database.</summary>
public static class BenchApp
{
    public static async Task<WebApplication> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // The application is the web project, so its Razor pages are found although the entry assembly is this one.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ApplicationName = "AdPolicy.Web", Args = [] });
        builder.Configuration["ConnectionStrings:AdPolicy"] = connectionString;
        builder.Configuration["Sweeps:Enabled"] = "false";
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        if (Environment.GetEnvironmentVariable("ADPOLICY_BENCH_LOG") is { Length: > 0 } level)
        {
            // The app's own log on the console at that level (the benchmark's folder has no appsettings.json naming a sink).
            builder.Configuration["Serilog:MinimumLevel:Default"] = level;
            builder.Configuration["Serilog:Using:0"] = "Serilog.Sinks.Console";
            builder.Configuration["Serilog:WriteTo:0:Name"] = "Console";
        }

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
