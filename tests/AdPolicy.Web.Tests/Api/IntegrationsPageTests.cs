using System.Net;
using AdPolicy.Web.Api;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Api;

/// <summary>The Integrations page: keys are shown once and kept only as a hash; members see their organisation's, admins the integration ones.</summary>
public sealed class IntegrationsPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<PageResult> CreateKeyAsync(AppClient client, string name, params string[] scopes)
    {
        var fields = new List<KeyValuePair<string, string>> { new("NewKey.Name", name), new("__RequestVerificationToken", await client.TokenFromAsync("/Integrations")) };
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("NewKey.Scopes", s)));
        return await client.PostAsync("/Integrations?handler=CreateKey", fields);
    }

    [Fact]
    public async Task AMember_CreatesAKey_SeesItOnce_AndItWorksForTheirOrganisationOnly()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var browser = await app.SignedInAsync(advertiser.Email);

        var created = await CreateKeyAsync(browser, "Finance system", ApiScopes.RefundsRead);
        var key = created.TestId("new-key-value");

        Assert.StartsWith(ApiKey.KeyStart, key);
        var stored = await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == "Finance system" && k.OrganisationId == advertiser.Organisation.Id));
        Assert.Equal(ApiKey.HashOf(key), stored.Hash);
        Assert.Equal([ApiScopes.RefundsRead], stored.Scopes);
        var again = await browser.GetAsync("/Integrations");
        Assert.DoesNotContain(key, again.Text);
        Assert.Contains(key[..ApiKey.PrefixLength], again.Text);
        Assert.Contains("never", again.Document.QuerySelector($"[data-testid=key-{stored.Id}] [data-testid=last-used]")!.TextContent);

        using var api = app.Api(key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/refunds", TestContext.Current.CancellationToken)).StatusCode);
        Assert.NotEqual("never", (await browser.GetAsync("/Integrations")).Document.QuerySelector($"[data-testid=key-{stored.Id}] [data-testid=last-used]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AKeyWithoutANameOrWithAnIntegrationScope_IsRefusedNextToTheField()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var browser = await app.SignedInAsync(advertiser.Email);

        var page = await CreateKeyAsync(browser, "", ApiScopes.ComplaintsWrite);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Name the key", page.FieldError("NewKey.Name"));
        Assert.Contains("Choose what the key may do", page.FieldError("NewKey.Scopes"));
        Assert.Equal(string.Empty, page.TestId("new-key-value"));
        Assert.False(await app.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.OrganisationId == advertiser.Organisation.Id)));
    }

    [Fact]
    public async Task Members_CannotRevokeAnotherOrganisationsKey_AndStaffOtherThanAdminsHaveNoPage()
    {
        var owner = await app.CreateAdvertiserAsync();
        var stranger = await app.CreateAdvertiserAsync();
        await app.OrganisationKeyAsync(owner, ApiScopes.RefundsRead);
        var keyId = await app.WithDbAsync(db => db.ApiKeys.Where(k => k.OrganisationId == owner.Organisation.Id).Select(k => k.Id).SingleAsync());
        using var strangerBrowser = await app.SignedInAsync(stranger.Email);
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));

        var revoke = await strangerBrowser.PostAsync($"/Integrations?handler=RevokeKey&id={keyId}", [new("__RequestVerificationToken", await strangerBrowser.TokenFromAsync("/Integrations"))]);

        Assert.Equal(HttpStatusCode.NotFound, revoke.Status);
        Assert.Null(await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.RevokedAt).SingleAsync()));
        Assert.DoesNotContain(keyId.ToString(), await (await strangerBrowser.GetAsync("/Integrations")).Response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var supportPage = await support.GetAsync("/Integrations");
        Assert.True(HttpStatusCode.Redirect == supportPage.Status, supportPage.Text);
    }

    [Fact]
    public async Task AnAdmin_MakesIntegrationKeys_WithIntegrationScopes()
    {
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var page = await CreateKeyAsync(admin, "Ad server", ApiScopes.StandingRead, ApiScopes.DeliveryRead);

        Assert.StartsWith(ApiKey.KeyStart, page.TestId("new-key-value"));
        var stored = await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == "Ad server"));
        Assert.Null(stored.OrganisationId);
        Assert.Equal([ApiScopes.DeliveryRead, ApiScopes.StandingRead], stored.Scopes);
    }
}
