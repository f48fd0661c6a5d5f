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
