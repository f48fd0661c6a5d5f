using System.Net;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Platform;

public sealed class PublicPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheGuidance_IsReadableWithoutSigningIn()
    {
        using var anonymous = app.CreateAppClient();

        var page = await anonymous.GetAsync("/Public/Guidance");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("return policy", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("tracking", page.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EveryPage_LinksItsStylesAndScript_WithTheirContentHash_AndTheyLoad()
    {
        using var anonymous = app.CreateAppClient();

        var page = await anonymous.GetAsync("/Account/Login");
        var styles = page.Document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        var script = page.Document.QuerySelector("script[src]")!.GetAttribute("src")!;

        Assert.Equal("/lib/bootstrap/dist/css/bootstrap.min.css", styles[0]);
        Assert.Matches(@"^/css/site\.css\?v=[A-Za-z0-9_-]{20,}$", styles[1]);
        Assert.Matches(@"^/js/site\.js\?v=[A-Za-z0-9_-]{20,}$", script);
        foreach (var url in styles.Append(script))
        {
            using var file = await anonymous.Http.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var client = await app.SignedInAsync(advertiser.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Refunds")).Status);

        var signedOut = await client.PostFormAsync("/Refunds", "form[action='/Account/Logout']", []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.StartsWith("http://localhost/Account/Login", (await client.GetAsync("/Refunds")).Location);
    }
}
