using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Api;

/// <summary>
/// The OpenAPI document checked into the repository (docs/openapi/v1.json) is the one the app generates: an API change
/// without the document fails here. To accept a change: ADPOLICY_UPDATE_OPENAPI=1 scripts/test.sh (or this class alone),
/// then review and commit the file.
/// </summary>
public sealed class OpenApiContractTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static string CheckedIn => Path.Combine(BrowserFixture.RepositoryRoot(), "docs", "openapi", "v1.json");

    [Fact]
    public async Task TheCheckedInDocument_IsTheGeneratedOne()
    {
        using var client = app.CreateClient();
        var generated = Normalise(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        if (Environment.GetEnvironmentVariable("ADPOLICY_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CheckedIn)!);
            await File.WriteAllTextAsync(CheckedIn, generated, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(CheckedIn), $"{CheckedIn} is missing; generate it with ADPOLICY_UPDATE_OPENAPI=1.");
        var checkedIn = Normalise(await File.ReadAllTextAsync(CheckedIn, TestContext.Current.CancellationToken));
        Assert.True(
            checkedIn == generated,
            "The API changed but docs/openapi/v1.json did not. Run the tests with ADPOLICY_UPDATE_OPENAPI=1, review the difference and commit it.");
    }

    [Fact]
    public async Task TheDocument_DescribesEveryCallWithItsScope_AndTheReferencePageServesIt()
    {
        using var client = app.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var reference = await client.GetAsync("/api/reference", TestContext.Current.CancellationToken);

        foreach (var path in new[] { "/api/v1/complaints", "/api/v1/refunds/{id}/answer", "/api/v1/accounts/{id}", "/api/v1/promotions", "/api/v1/deadlines", "/api/v1/appeals/{id}/evidence/{kind}" })
        {
            Assert.Contains($"\"{path}\"", document);
        }

        Assert.Contains("scope complaints:write", document);
        Assert.DoesNotContain("/Evidence/", document);
        Assert.Equal(System.Net.HttpStatusCode.OK, reference.StatusCode);
        var html = await reference.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"openapi/v1.json\"", html);

        // The CSP lets exactly this page's scripts run: its nonce is on the page's script tags.
        var csp = reference.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(html));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/reference/scalar.js", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static string Normalise(string json) => json.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
