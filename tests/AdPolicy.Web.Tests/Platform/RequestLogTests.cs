using System.Collections.Concurrent;
using System.Net;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>The app with its production log levels (Debug for its own events) and every event kept for the test to read.</summary>
public sealed class LoggedApp(PostgresFixture postgres) : AppFactory(postgres)
{
    public CapturedLog Log { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Serilog:MinimumLevel:Default", "Debug"),
        ("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning"),
        ("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Warning"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Log));
    }
}

/// <summary>Every event the app's Serilog pipeline wrote, after its enrichers.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public IReadOnlyList<LogEvent> Requests => [.. _events.Where(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal))];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public void Clear() => _events.Clear();

    /// <summary>Everything an event would put in a sink: the rendered message, every property value, the exception.</summary>
    public static string Everything(LogEvent e) =>
        string.Join(" | ", [e.RenderMessage(), .. e.Properties.Select(p => $"{p.Key}={p.Value}"), e.Exception?.ToString() ?? string.Empty]);

    public void AssertNoTraceOf(string secret) =>
        Assert.All(Events, e => Assert.DoesNotContain(secret, Everything(e), StringComparison.Ordinal));
}

/// <summary>The request log names the route, never a path: no tracking token and no forged line reaches the log.</summary>
public sealed class RequestLogTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task ATrackingLink_IsLoggedAsItsRouteTemplate_AndTheTokenIsNowhereInTheLog()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var complaint = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId));
        var token = complaint.TrackingPath.TrimEnd('/').Split('/')[^1];
        using var complainant = app.CreateAppClient();
        app.Log.Clear();

        var page = await complainant.GetAsync(complaint.TrackingPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var request = Assert.Single(app.Log.Requests);
        Assert.StartsWith("/Public/Complaints/Track/{token", request.Properties["Route"].ToString().Trim('"'), StringComparison.Ordinal);
        Assert.Equal(LogEventLevel.Information, request.Level);
        Assert.True(token.Length >= 20, $"'{token}' does not look like a tracking token");
        app.Log.AssertNoTraceOf(token);
    }

    [Fact]
    public async Task AForgedLineInAnUnmatchedPath_LeavesNoTrace_AndTheNotFoundPageIsLoggedOnce()
    {
        using var client = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        app.Log.Clear();

        var response = await client.Http.GetAsync(new Uri("/nope%0D%0A[00:00:00 INF] FORGED", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var request = Assert.Single(app.Log.Requests);
        Assert.Equal("\"(no route)\"", request.Properties["Route"].ToString());
        Assert.Equal("404", request.Properties["StatusCode"].ToString());
        app.Log.AssertNoTraceOf("FORGED");
        app.Log.AssertNoTraceOf("nope");
        Assert.All(app.Log.Events, e => Assert.DoesNotContain('\r', e.RenderMessage()));
    }

    [Fact]
    public async Task HealthProbes_AreLoggedAtDebug_Pages_AtInformation()
    {
        using var client = app.CreateAppClient();
        app.Log.Clear();

        await client.Http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        await client.Http.GetAsync(new Uri("/Account/Login", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Collection(
            app.Log.Requests,
            probe => Assert.Equal((LogEventLevel.Debug, "\"/health/live\""), (probe.Level, probe.Properties["Route"].ToString())),
            page => Assert.Equal((LogEventLevel.Information, "\"/Account/Login\""), (page.Level, page.Properties["Route"].ToString())));
    }
}
