using System.Net;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// Behind a reverse proxy: the client's address and scheme are believed from the configured proxy only, so the rate
/// limit counts real clients, and a request that was https at the proxy gets Secure cookies and HSTS.
/// </summary>
public sealed class ProxyTests(ProxyTests.ProxiedApp app) : IClassFixture<ProxyTests.ProxiedApp>
{
    private const string Proxy = "10.1.1.1";

    [Fact]
    public async Task TheRateLimit_CountsEachClientBehindTheProxy_NotTheProxy()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        using var first = Client(from: Proxy, forwardedFor: "203.0.113.5");
        using var second = Client(from: Proxy, forwardedFor: "203.0.113.6");

        Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(first, promotion.ExternalCampaignId, "a@example.com")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(first, promotion.ExternalCampaignId, "b@example.com")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FileAsync(first, promotion.ExternalCampaignId, "c@example.com")).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(second, promotion.ExternalCampaignId, "d@example.com")).Status);
    }

    [Fact]
    public async Task AClientThatIsNotTheProxy_CannotPickItsAddressWithAHeader()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        var results = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var client = Client(from: "198.51.100.7", forwardedFor: $"203.0.113.{100 + i}");
            results.Add((await FileAsync(client, promotion.ExternalCampaignId, $"x{i}@example.com")).Status);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], results);
    }

    [Fact]
    public async Task HttpsAtTheProxy_GivesSecureCookiesAndHsts_PlainHttpDoesNot()
    {
        using var https = Client(from: Proxy, forwardedFor: "203.0.113.9", proto: "https");
        using var http = Client(from: Proxy, forwardedFor: "203.0.113.9");
        using var spoofed = Client(from: "198.51.100.8", forwardedFor: "203.0.113.9", proto: "https");

        var secure = await https.Http.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        var plain = await http.Http.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        var claimed = await spoofed.Http.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Contains("secure", Cookie(secure, "adpolicy.af"), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("secure", Cookie(plain, "adpolicy.af"), StringComparison.OrdinalIgnoreCase);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.False(claimed.Headers.Contains("Strict-Transport-Security"));

        // Signing in over https at the proxy: the sign-in cookie is Secure too. (The client's cookie jar would not send
        // a Secure cookie to an http:// test address, so the antiforgery cookie is carried by hand.)
        var advertiser = await app.CreateAdvertiserAsync();
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var form = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        AsFromProxyOverHttps(form);
        var page = await browser.SendAsync(form, TestContext.Current.CancellationToken);
        var token = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Input.Email"] = advertiser.Email, ["Input.Password"] = AppClient.Password,
            }),
        };
        AsFromProxyOverHttps(post);
        post.Headers.Add("Cookie", Cookie(page, "adpolicy.af").Split(';')[0]);
        var signedIn = await browser.SendAsync(post, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", Cookie(signedIn, "adpolicy.auth"), StringComparison.OrdinalIgnoreCase);
    }

    private static void AsFromProxyOverHttps(HttpRequestMessage request)
    {
        request.Headers.Host = "adpolicy.example";
        request.Headers.Add(ProxiedApp.RemoteAddressHeader, Proxy);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    private static Task<PageResult> FileAsync(AppClient client, string campaignId, string email) =>
        client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm(campaignId, email));

    /// <summary>A client whose connection comes from <paramref name="from"/>, sending the proxy headers given.</summary>
    private AppClient Client(string from, string forwardedFor, string? proto = null)
    {
        var client = app.CreateAppClient();
        client.Http.DefaultRequestHeaders.Host = "adpolicy.example";
        client.Http.DefaultRequestHeaders.Add(ProxiedApp.RemoteAddressHeader, from);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (proto is not null)
        {
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        }

        return client;
    }

    /// <summary>The app behind one known proxy; the test server gives each connection the address a test header names.</summary>
    public sealed class ProxiedApp(PostgresFixture postgres) : AppFactory(postgres)
    {
        public const string RemoteAddressHeader = "X-Test-Connection-Address";

        protected override IEnumerable<(string Key, string Value)> Settings() =>
            [("ForwardedHeaders:KnownProxies:0", Proxy), ("Complaints:PermitLimit", "2"), ("Complaints:WindowSeconds", "3600"), ("Complaints:MaxPerEmailPerHour", "5")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ConnectionAddressFromHeader>());
        }

        private sealed class ConnectionAddressFromHeader : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[RemoteAddressHeader].FirstOrDefault() ?? "192.0.2.1");
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
