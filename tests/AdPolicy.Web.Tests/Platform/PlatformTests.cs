using System.Net;
using System.Reflection;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Platform;

public sealed class PlatformTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Pages anyone may open without signing in. Every other page needs a signed-in user and most a role policy.</summary>
    private static readonly string[] AnonymousPages = ["/Identity/Login", "/Identity/LoginWith2fa", "/Identity/ForgotPassword", "/Identity/ResetPassword", "/Identity/AccessDenied", "/Home/Error", "/Home/StatusCode", "/Home/Language"];

    /// <summary>
    /// The views take <c>head</c> and <c>body</c> out of MVC's tag helpers (<c>_ViewImports</c>, issue 17: as a tag helper
    /// <c>body</c> buffered the whole page once more), which only serve tag helper components: a component registered
    /// now would be silently ignored, so there must be none; and a page still has its head and body, once each.
    /// </summary>
    [Fact]
    public async Task NoTagHelperComponentIsRegistered_AndAPageHasItsHeadAndBodyOnce()
    {
        Assert.Empty(app.Services.GetServices<Microsoft.AspNetCore.Razor.TagHelpers.ITagHelperComponent>());
        using var scope = app.Services.CreateScope();
        Assert.Empty(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Mvc.Razor.TagHelpers.ITagHelperComponentManager>().Components);

        using var client = app.CreateAppClient();
        var html = await client.Http.GetStringAsync("/Account/Login");
        Assert.Equal(1, html.Split("<head>").Length - 1);
        Assert.Equal(1, html.Split("</head>").Length - 1);
        Assert.Equal(1, html.Split("<body>").Length - 1);
        Assert.Equal(1, html.Split("</body>").Length - 1);
        Assert.True(html.IndexOf("</head>", StringComparison.Ordinal) < html.IndexOf("<body>", StringComparison.Ordinal));
        Assert.EndsWith("</html>", html.TrimEnd());
    }

    [Fact]
    public async Task Health_LiveAndReady_AnswerWithoutSignIn()
    {
        using var client = app.CreateAppClient();

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/live")).StatusCode);
        var ready = await client.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public void EveryPage_RequiresSignIn_UnlessItIsPublicOnPurpose()
    {
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>()
            .ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var anonymous = page.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            var policies = page.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            if (page.ViewEnginePath.Contains("/Public/", StringComparison.Ordinal) || AnonymousPages.Contains(page.ViewEnginePath))
            {
                Assert.True(anonymous, $"{page.ViewEnginePath} is meant to be public");
            }
            else
            {
                Assert.False(anonymous, $"{page.ViewEnginePath} allows anonymous access");
                Assert.True(policies.Count > 0, $"{page.ViewEnginePath} states no authorisation policy");
            }
        }
    }

    [Fact]
    public async Task SignedOut_OpeningAnAdvertiserPage_GoesToSignIn()
    {
        using var client = app.CreateAppClient();

        var result = await client.GetAsync("/Refunds");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.StartsWith("http://localhost/Account/Login", result.Location);
    }

    [Fact]
    public async Task AnAdvertiser_OpeningTheStaffQueue_IsRefused()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.GetAsync("/Staff/Queue");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Contains("/Account/AccessDenied", result.Location);
    }

    [Fact]
    public async Task Staff_CannotOpenAdvertiserPages()
    {
        var support = await app.CreateUserAsync(Roles.Support);
        using var client = await app.SignedInAsync(support);

        var result = await client.GetAsync("/Refunds");

        Assert.Contains("/Account/AccessDenied", result.Location);
    }

    [Fact]
    public async Task SignIn_FromAClientThatKeptFailing_IsRefusedForThatAccount_EvenWithTheRightPassword()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var client = app.CreateAppClient();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = advertiser.Email, ["Input.Password"] = "wrong-password" });
            Assert.Equal(HttpStatusCode.OK, failed.Status);
        }

        var refused = await client.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = advertiser.Email, ["Input.Password"] = AppClient.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Too many failed sign-ins for this account from here", refused.Summary);
    }

    [Fact]
    public async Task SignIn_WithEmptyFields_ShowsMessagesNextToTheFields()
    {
        using var client = app.CreateAppClient();

        var result = await client.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = "", ["Input.Password"] = "" });

        Assert.Equal("Enter your email address.", result.FieldError("Input.Email"));
        Assert.Equal("Enter your password.", result.FieldError("Input.Password"));
    }

    [Fact]
    public async Task UnknownPage_ShowsAFriendlyNotFoundPage()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.GetAsync($"/Refunds/Details/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Contains("not yours to see", result.Text);
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase_SoInstancesShareCookies()
    {
        using var client = app.CreateAppClient();
        await client.GetAsync("/Account/Login");

        var keys = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DataProtectionKeys));

        Assert.True(keys >= 1);
    }
}
