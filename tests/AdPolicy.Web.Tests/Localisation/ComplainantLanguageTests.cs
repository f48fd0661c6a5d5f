using AdPolicy.Domain.Ace;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>A complainant is written to in the language they chose on the form, whatever language the staff member reads.</summary>
public sealed class ComplainantLanguageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AComplainantWhoFiledInSpanish_GetsTheDecisionInSpanish_WhileTheStaffMemberWhoDecidedReadsEnglish()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        var filed = await app.FileAsync(new(AceTestData.UserForm(promotion.ExternalCampaignId, email: "lucia@example.es")) { ["Input.Language"] = "es" });
        using var staff = await app.SupportAsync();

        var upheld = await staff.FollowAsync(await staff.UpholdAsync(filed.Id, ViolationTier.Low, "El anuncio prometía una entrega que no llegó."));

        Assert.Equal("en", upheld.Document.DocumentElement.GetAttribute("lang"));
        var email = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "lucia@example.es" && !m.IsSealed));
        Assert.Equal($"AdPolicy: Tu queja {filed.Reference} fue confirmada", email.Subject);
        Assert.Contains("Tu queja sobre servicio posventa lento fue confirmada por el personal. El anuncio prometía una entrega que no llegó.", email.Body, StringComparison.Ordinal);
        Assert.Contains("Abre tu enlace privado de seguimiento", email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AComplainantWhoChoseEnglish_GetsEnglish()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        var filed = await app.FileAsync(new(AceTestData.UserForm(promotion.ExternalCampaignId, email: "uma@example.co.uk")) { ["Input.Language"] = "en" });
        using var staff = await app.SupportAsync();

        await staff.UpholdAsync(filed.Id, ViolationTier.Low);

        var email = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "uma@example.co.uk" && !m.IsSealed));
        Assert.Equal($"AdPolicy: Your complaint {filed.Reference} was upheld", email.Subject);
        Assert.Contains("Staff upheld your complaint about slow after-sales service.", email.Body, StringComparison.Ordinal);
    }
}
