using System.Collections.Concurrent;
using System.Net;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdPolicy.Web.Tests.Api;

/// <summary>One POST the receiver got: headers as sent, the body, and what it answered.</summary>
public sealed record ReceivedWebhook(string EventId, string EventType, string Timestamp, string Signature, string Body, int Answered);

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel on a free port) standing in for a customer's webhook endpoint. For each event id
/// it answers the first <see cref="FailuresPerEvent"/> deliveries with 500, then 200, and records everything.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _seen = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public int FailuresPerEvent { get; set; }

    /// <summary>How long the receiver takes before it answers (a slow or hanging customer system).</summary>
    public TimeSpan Hang { get; set; }

    private int _inFlight;

    /// <summary>Deliveries that arrived and are not answered yet.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public string Url { get; private set; } = string.Empty;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/adpolicy", async (HttpContext http) =>
        {
            Interlocked.Increment(ref receiver._inFlight);
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            await Task.Delay(receiver.Hang);
            var eventId = http.Request.Headers[WebhookSignature.EventIdHeader].ToString();
            var count = receiver._seen.AddOrUpdate(eventId, 1, (_, n) => n + 1);
            var status = count <= receiver.FailuresPerEvent ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            receiver.Received.Enqueue(new ReceivedWebhook(
                eventId,
                http.Request.Headers[WebhookSignature.EventTypeHeader].ToString(),
                http.Request.Headers[WebhookSignature.TimestampHeader].ToString(),
                http.Request.Headers[WebhookSignature.SignatureHeader].ToString(),
                body,
                status));
            Interlocked.Decrement(ref receiver._inFlight);
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hooks/adpolicy";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Webhook endpoints registered the way an advertiser does it: on the Integrations page, copying the secret it shows once.</summary>
internal static class WebhookTestData
{
    public static async Task<(Guid EndpointId, string Secret)> RegisterEndpointAsync(this AppFactory app, AppClient advertiser, string url, params string[] events)
    {
        var fields = new List<KeyValuePair<string, string>> { new("NewEndpoint.Url", url), new("NewEndpoint.Description", "Our case tracker") };
        fields.AddRange(events.Select(e => new KeyValuePair<string, string>("NewEndpoint.Events", e)));
        fields.Add(new("__RequestVerificationToken", await advertiser.TokenFromAsync("/Integrations")));
        var page = await advertiser.PostAsync("/Integrations?handler=CreateEndpoint", fields);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var secret = page.TestId("new-secret-value");
        Assert.StartsWith(WebhookEndpoint.SecretStart, secret);
        var endpointId = await app.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Url == url).Select(e => e.Id).SingleAsync());
        return (endpointId, secret);
    }
}
