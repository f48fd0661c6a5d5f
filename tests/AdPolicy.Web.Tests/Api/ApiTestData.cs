using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdPolicy.Web.Api;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Api;

/// <summary>API keys made the way the Integrations page makes them, and HTTP clients that call the API with one.</summary>
internal static class ApiTestData
{
    public static readonly JsonSerializerOptions Json = ApiJson.Options;

    /// <summary>A key of <paramref name="advertiser"/>'s organisation, made by its member.</summary>
    public static Task<string> OrganisationKeyAsync(this AppFactory app, Advertiser advertiser, params string[] scopes) =>
        app.KeyAsync(advertiser.Email, advertiser.Organisation.Id, "Org system", scopes);

    /// <summary>An integration key made by an admin.</summary>
    public static async Task<string> IntegrationKeyAsync(this AppFactory app, string name, params string[] scopes) =>
        await app.IntegrationKeyByAsync(await app.CreateUserAsync(Roles.Admin), name, scopes);

    /// <summary>An integration key made by the admin <paramref name="adminEmail"/>.</summary>
    public static Task<string> IntegrationKeyByAsync(this AppFactory app, string adminEmail, string name, params string[] scopes) =>
        app.KeyAsync(adminEmail, null, name, scopes);

    private static async Task<string> KeyAsync(this AppFactory app, string email, Guid? organisationId, string name, string[] scopes) =>
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var (key, secret) = ApiKey.Create(organisationId, name, scopes, user.Id, user.DisplayName, app.Clock.GetUtcNow());
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return secret;
        });

    public static HttpClient Api(this AppFactory app, string? key)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static object IpComplaint(string campaignOrAdId, string description = "The ad shows our registered logo on goods that are not ours.") => new
    {
        type = "IntellectualProperty",
        category = "BrandImpersonation",
        campaignOrAdId,
        name = "Rita Rights",
        email = "legal@brand.example",
        organisation = "Brand Ltd",
        role = "RightsHolder",
        rightConcerned = "EU trademark 018123456",
        description,
    };
}
