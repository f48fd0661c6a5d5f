using System.Net;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>No self-registration: an admin makes accounts, with a role, and advertisers with their organisation.</summary>
public sealed class UserAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Form = "form[data-testid=new-user]";

    [Fact]
    public async Task AnAdmin_CreatesAnAdvertiser_WhoCanSignIn_AndSeesOnlyTheirOrganisation()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await app.CreatePromotionAsync(advertiser.Account);
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var created = await admin.PostFormAsync("/Admin/Users", Form, new()
        {
            ["Input.Email"] = "new.advertiser@test.example",
            ["Input.DisplayName"] = "New Advertiser",
            ["Input.Role"] = Roles.Advertiser,
            ["Input.OrganisationId"] = advertiser.Organisation.Id.ToString(),
            ["Input.Password"] = "First-pass-2026",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        using var newcomer = app.CreateAppClient();
        await newcomer.SignInAsync("new.advertiser@test.example", "First-pass-2026");
        var promotions = await newcomer.GetAsync("/Promotions");
        Assert.Equal(HttpStatusCode.OK, promotions.Status);
        Assert.Single(promotions.Document.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task AnAdvertiserWithoutOrganisation_AndStaffWithOne_AreRefusedNextToTheField()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var noOrganisation = await admin.PostFormAsync("/Admin/Users", Form, new()
        {
            ["Input.Email"] = "lost@test.example", ["Input.DisplayName"] = "Lost", ["Input.Role"] = Roles.Advertiser,
            ["Input.OrganisationId"] = "", ["Input.Password"] = "First-pass-2026",
        });
        var staffWithOrganisation = await admin.PostFormAsync("/Admin/Users", Form, new()
        {
            ["Input.Email"] = "agent@test.example", ["Input.DisplayName"] = "Agent", ["Input.Role"] = Roles.Support,
            ["Input.OrganisationId"] = advertiser.Organisation.Id.ToString(), ["Input.Password"] = "First-pass-2026",
        });

        Assert.Equal("Choose the advertiser's organisation.", noOrganisation.FieldError("Input.OrganisationId"));
        Assert.Equal("Only advertisers belong to an organisation.", staffWithOrganisation.FieldError("Input.OrganisationId"));
        Assert.DoesNotContain("lost@test.example", (await admin.GetAsync("/Admin/Users")).TestId("users"));
    }

    [Fact]
    public async Task DisablingSignIn_RefusesTheNextSignIn_AndEnablingAllowsItAgain()
    {
        var agentEmail = await app.CreateUserAsync(Roles.Support);
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var disabled = await admin.PostFormAsync("/Admin/Users", $"tr[data-user='{agentEmail}'] form", []);

        Assert.Equal(HttpStatusCode.Redirect, disabled.Status);
        using var again = app.CreateAppClient();
        var refused = await again.PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = agentEmail, ["Input.Password"] = AppClient.Password });
        Assert.Contains("This account is disabled", refused.Summary);
        Assert.Equal("disabled", (await admin.GetAsync("/Admin/Users")).Document.QuerySelector($"tr[data-user='{agentEmail}'] td:nth-child(5)")?.TextContent);

        await admin.PostFormAsync("/Admin/Users", $"tr[data-user='{agentEmail}'] form", []);
        await again.SignInAsync(agentEmail);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Staff/Queue")).Status);
    }

    [Fact]
    public async Task OnlyAdmins_OpenTheUsersPage()
    {
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));

        var result = await support.GetAsync("/Admin/Users");

        Assert.Contains("/Account/AccessDenied", result.Location);
    }
}
