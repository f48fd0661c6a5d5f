using System.Collections.Concurrent;
using System.Net;
using AdPolicy.Web.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
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
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
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
