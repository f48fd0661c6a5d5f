using System.Net;
using System.Net.Sockets;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Api;

/// <summary>
/// Webhooks go only to the public internet, as in production (<c>Webhooks:AllowHttpLoopback</c> off): an internal address
/// is refused next to the field when the endpoint is saved, and again on the socket when a delivery connects.
/// </summary>
public sealed class WebhookAddressTests(WebhookAddressTests.ProductionAddressesApp app) : IClassFixture<WebhookAddressTests.ProductionAddressesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://127.0.0.1/hooks", "this machine (loopback)")]
    [InlineData("https://localhost:8443/hooks", "localhost points to")]
    [InlineData("https://10.0.0.5/hooks", "a private network address")]
    [InlineData("https://172.16.4.1/hooks", "a private network address")]
    [InlineData("https://192.168.1.20/hooks", "a private network address")]
    [InlineData("https://[fc00::1]/hooks", "a private network address")]
    [InlineData("https://[::ffff:10.1.2.3]/hooks", "a private network address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "a link-local address")]
    [InlineData("https://[fe80::1]/hooks", "a link-local address")]
    [InlineData("https://100.64.0.1/hooks", "a carrier-grade NAT address")]
    [InlineData("https://0.0.0.0/hooks", "an unspecified address")]
    [InlineData("https://[::]/hooks", "an unspecified address")]
    [InlineData("https://224.0.0.1/hooks", "a multicast address")]
    public async Task AnEndpointOnAnInternalAddress_IsRefusedWithASentenceNextToTheField(string url, string why)
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var browser = await app.SignedInAsync(advertiser.Email);

        var page = await browser.PostAsync("/Integrations?handler=CreateEndpoint", [
            new("NewEndpoint.Url", url),
            new("NewEndpoint.Events", WebhookEventTypes.ComplaintFiled),
            new("__RequestVerificationToken", await browser.TokenFromAsync("/Integrations"))]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var error = page.FieldError("NewEndpoint.Url");
        Assert.Contains(why, error);
        Assert.EndsWith("webhooks are only sent to addresses on the public internet.", error);
        Assert.Equal(string.Empty, page.TestId("new-secret-value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.WebhookEndpoints.CountAsync(e => e.OrganisationId == advertiser.Organisation.Id, Ct)));
    }

    [Fact]
    public async Task APublicAddress_IsAccepted()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var browser = await app.SignedInAsync(advertiser.Email);

        var (endpointId, _) = await app.RegisterEndpointAsync(browser, "https://93.184.215.14/adpolicy", WebhookEventTypes.ComplaintFiled);

        Assert.NotEqual(Guid.Empty, endpointId);
    }

    [Fact]
    public async Task ANameThatResolvesToThisMachineWhenSending_IsNeverConnectedTo_AndTheAttemptSaysWhy()
    {
        // A listener on this machine that only counts connections: the delivery must not reach it at all.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(Ct);
                Interlocked.Increment(ref connections);
            }
        }, Ct);

        // The endpoint as it would stand had its name resolved to a public address when it was saved (DNS rebinding).
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var url = $"https://localhost:{port}/hooks";
        var endpointId = await app.WithDbAsync(async db =>
        {
            var secrets = app.Services.GetRequiredService<WebhookSecrets>();
            var userId = await db.Users.Where(u => u.Email == advertiser.Email).Select(u => u.Id).SingleAsync(Ct);
            var endpoint = new WebhookEndpoint(
                Guid.CreateVersion7(), advertiser.Organisation.Id, url, "Rebound", [WebhookEventTypes.ComplaintFiled],
                secrets.Protect(WebhookEndpoint.NewSecret()), userId, app.Clock.GetUtcNow());
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(Ct);
            return endpoint.Id;
        });
        await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId));

        var result = await app.Services.GetRequiredService<WebhookSender>().SendDueAsync(Ct);

        Assert.Equal(new SweepResult(1, 0, 1), result);
        var attempt = await app.WithDbAsync(db => db.WebhookAttempts.AsNoTracking()
            .Where(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.EndpointId == endpointId)).SingleAsync(Ct));
        Assert.Null(attempt.StatusCode);
        Assert.Contains("localhost points to", attempt.Error);
        Assert.Contains("this machine (loopback): webhooks are only sent to addresses on the public internet.", attempt.Error);
        await Task.Delay(200, Ct);
        Assert.Equal(0, Volatile.Read(ref connections));
        listener.Stop();
    }

    public sealed class ProductionAddressesApp(PostgresFixture postgres) : AppFactory(postgres)
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [("Webhooks:AllowHttpLoopback", "false")];
    }
}
