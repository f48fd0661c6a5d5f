using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>
/// What the domain words itself — an account's standing, what each violation caused, a broken rule — reaches each
/// reader in their own language: the domain keeps the English template and its values, the page words them.
/// </summary>
public sealed class DomainSentencesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheStandingAndWhatAViolationCaused_ReadInSpanishForASpanishAdvertiser_AndInEnglishForStaff()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active, startsAt: app.Clock.GetUtcNow().AddDays(-5));
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.Ads[0].ExternalAdId));
        using var support = await app.SupportAsync();
        await support.UpholdAsync(filed.Id, ViolationTier.High);
        await app.SetLanguageAsync(advertiser.Email, "es");
        using var client = await app.SignedInAsync(advertiser.Email);

        var ace = await client.GetAsync("/Ace");

        Assert.StartsWith("Esta cuenta publicitaria está suspendida hasta el", ace.TestId("standing"), StringComparison.Ordinal);
        Assert.Contains("la primera infracción de riesgo alto de la cuenta la suspende durante 7 días", ace.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("suspends it for", ace.Text, StringComparison.Ordinal);
        var staffPage = await support.GetAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}");
        Assert.StartsWith("This ad account is suspended until", staffPage.TestId("standing"), StringComparison.Ordinal);
        Assert.Contains("the account's first high-risk violation suspends it for 7 days", staffPage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenRule_IsShownInTheReadersLanguage()
    {
        // A promotion that has not started cannot be refunded: the refund form says why, in the advertiser's language.
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active, startsAt: app.Clock.GetUtcNow().AddDays(5));
        using var english = await app.SignedInAsync(advertiser.Email);
        var before = await english.GetAsync($"/Refunds/New?promotionId={promotion.Id}");
        await app.SetLanguageAsync(advertiser.Email, "es");
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.GetAsync($"/Refunds/New?promotionId={promotion.Id}");

        Assert.Equal("This promotion has not started yet, so nothing has been spent that could be refunded.", before.TestId("refusal-PerformanceShortfall"));
        Assert.Equal("Esta promoción aún no ha empezado, así que no se ha gastado nada que se pueda reembolsar.", page.TestId("refusal-PerformanceShortfall"));
    }

    [Fact]
    public async Task TheComplaintDesksOwnRefusal_IsInTheComplainantsLanguage()
    {
        using var spanish = app.CreateAppClient();
        spanish.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var refused = await spanish.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm("CMP-000-404"));

        Assert.Equal(
            "Ninguna campaña ni ningún anuncio tiene el id. «CMP-000-404». Comprueba el id. que aparece junto al anuncio (como CMP-101-001 o AD-101-001A).",
            refused.FieldError("Input.CampaignOrAdId"));
    }

}
