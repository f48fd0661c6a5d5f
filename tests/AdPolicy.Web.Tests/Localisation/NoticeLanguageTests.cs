using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>
/// Notices and their emails are written in each recipient's language when they are sent, whoever acted: an English
/// staff member's decision reaches a Spanish-reading advertiser in Spanish and their English-reading colleague in
/// English. Identity's and model binding's own messages follow the reader's language too.
/// </summary>
public sealed class NoticeLanguageTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    [Fact]
    public async Task AnEnglishStaffMembersRefundDecision_ReachesEachAdvertiserInTheirOwnLanguage_InTheAppAndByEmail()
    {
        var (spanish, english) = await OrganisationAsync();
        var hers = await app.FileRefundAsync(spanish.Advertiser, await app.CreatePromotionAsync(spanish.Advertiser.Account, spent: 1000m), 300m);
        var his = await app.FileRefundAsync(english.Advertiser, await app.CreatePromotionAsync(english.Advertiser.Account, spent: 1000m), 200m);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Sam Support"));

        foreach (var request in new[] { hers, his })
        {
            await staff.PostFormAsync($"/Staff/Refunds/Details/{request.Id}", "form[action*='handler=Claim']", []);
            var decided = await staff.PostFormAsync($"/Staff/Refunds/Details/{request.Id}", "button[formaction*='handler=Approve']", new()
            {
                ["Decision.Amount"] = "150.50",
                ["Decision.Reason"] = "Sam-2026",
            });
            Assert.Equal(HttpStatusCode.Redirect, decided.Status);
        }

        Assert.Equal(RefundStatus.PartiallyApproved, (await app.RefundAsync(hers.Id)).Status);
        var staffPage = await staff.GetAsync($"/Staff/Refunds/Details/{hers.Id}");
        Assert.Equal("en", staffPage.Document.DocumentElement.GetAttribute("lang"));

        var herCentre = await spanish.Client.GetAsync("/Notifications");
        Assert.Equal("es", herCentre.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains($"Reembolso {hers.Reference} aprobado en parte", herCentre.Text, StringComparison.Ordinal);
        Assert.Contains("Se aprobaron 150,50 EUR. Sam-2026", herCentre.Text, StringComparison.Ordinal);
        Assert.Empty(TranslatedPagesTests.Foreign("/Notifications (es)", herCentre, TranslatedPagesTests.EnglishWords));
        var herMail = Assert.Single(await app.InboxAsync(spanish.Email));
        Assert.Equal($"AdPolicy: Reembolso {hers.Reference} aprobado en parte", herMail.Subject);
        Assert.Contains("Se aprobaron 150,50 EUR. Sam-2026", herMail.Body, StringComparison.Ordinal);
        Assert.Contains($"Ábrelo en AdPolicy: http://localhost:5080/Refunds/Details/{hers.Id}", herMail.Body, StringComparison.Ordinal);
        Assert.Contains("Recibes este correo por tu cuenta de AdPolicy.", herMail.Body, StringComparison.Ordinal);
        var marked = await spanish.Client.FollowAsync(await spanish.Client.PostFormAsync("/Notifications", "form[data-testid=mark-all-read]", []));
        Assert.Contains("1 notificación marcada como leída.", marked.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(TranslatedPagesTests.Foreign("/Notifications (es, all read)", marked, TranslatedPagesTests.EnglishWords));

        var hisCentre = await english.Client.GetAsync("/Notifications");
        Assert.Contains($"Refund {his.Reference} partially approved", hisCentre.Text, StringComparison.Ordinal);
        Assert.Contains("150.50 EUR was approved. Sam-2026", hisCentre.Text, StringComparison.Ordinal);
        Assert.Empty(TranslatedPagesTests.Foreign("/Notifications (en)", hisCentre, TranslatedPagesTests.SpanishWords));
        var hisMail = Assert.Single(await app.InboxAsync(english.Email));
        Assert.Equal($"AdPolicy: Refund {his.Reference} partially approved", hisMail.Subject);
        Assert.Contains($"Open it in AdPolicy: http://localhost:5080/Refunds/Details/{his.Id}", hisMail.Body, StringComparison.Ordinal);
        Assert.Contains("You receive this email because of your AdPolicy account.", hisMail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpheldComplaint_IsToldToEveryMemberOfTheOrganisation_EachInTheirLanguage()
    {
        var (spanish, english) = await OrganisationAsync();
        var promotion = await app.CreatePromotionAsync(spanish.Advertiser.Account);
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, email: ComplainantTestData.Unique("uma")));
        using var staff = await app.SupportAsync();

        var upheld = await staff.FollowAsync(await staff.UpholdAsync(filed.Id, ViolationTier.Low, "Sam-2026"));

        Assert.Equal("en", upheld.Document.DocumentElement.GetAttribute("lang"));
        var herCentre = await spanish.Client.GetAsync("/Notifications");
        Assert.Contains($"Nueva queja {filed.Reference}: Servicio posventa lento", herCentre.Text, StringComparison.Ordinal);
        Assert.Contains("Se presentó una queja del usuario contra una de tus promociones.", herCentre.Text, StringComparison.Ordinal);
        Assert.Contains($"Infracción registrada {filed.Reference}: una infracción de riesgo bajo en Lumen Outdoor", herCentre.Text, StringComparison.Ordinal);
        Assert.Contains($"{filed.Reference}: Infracción de riesgo bajo (Servicio posventa lento): Sam-2026", herCentre.Text, StringComparison.Ordinal);
        Assert.Empty(TranslatedPagesTests.Foreign("/Notifications (es)", herCentre, TranslatedPagesTests.EnglishWords));
        var herMail = (await app.InboxAsync(spanish.Email)).Single(m => m.Subject.Contains("Infracción registrada", StringComparison.Ordinal));
        Assert.Contains("Corrige el contenido similar antes del", herMail.Body, StringComparison.Ordinal);
        Assert.Contains("(48 horas desde este aviso, según la política)", herMail.Body, StringComparison.Ordinal);
        Assert.Contains("Ábrelo en AdPolicy: http://localhost:5080/Ace", herMail.Body, StringComparison.Ordinal);

        var hisCentre = await english.Client.GetAsync("/Notifications");
        Assert.Contains($"New complaint {filed.Reference}: Slow after-sales service", hisCentre.Text, StringComparison.Ordinal);
        Assert.Contains($"Violation recorded {filed.Reference}: a low risk violation on Lumen Outdoor", hisCentre.Text, StringComparison.Ordinal);
        Assert.Empty(TranslatedPagesTests.Foreign("/Notifications (en)", hisCentre, TranslatedPagesTests.SpanishWords));
        var hisMail = (await app.InboxAsync(english.Email)).Single(m => m.Subject.Contains("Violation recorded", StringComparison.Ordinal));
        Assert.Contains("Correct similar content by", hisMail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeadlineMissedByTheSweep_IsToldToEachMemberInTheirLanguage()
    {
        var (spanish, english) = await OrganisationAsync();
        var complaint = await app.FileComplaintAsync(ComplaintType.UserComplaint, spanish.Advertiser);
        await app.UpholdAsync(complaint.ComplaintId);
        var removal = (await app.DeadlinesAsync(complaint.ComplaintId)).Single(d => d.Kind == DeadlineKind.RemoveContent);
        app.Clock.Advance(removal.DueAt.AddMinutes(1) - app.Clock.GetUtcNow());

        await app.SweepAsync<AceDeadlineSweep>();

        // A day later on the app's clock: sign in again.
        using var her = await app.SignedInAsync(spanish.Email);
        using var him = await app.SignedInAsync(english.Email);
        var herCentre = await her.GetAsync("/Notifications");
        Assert.Contains("Plazo incumplido", herCentre.Text, StringComparison.Ordinal);
        Assert.Contains(": elimina el contenido infractor", herCentre.Text, StringComparison.Ordinal);
        Assert.Contains("Cumplir un plazo posterior no lo anula", herCentre.Text, StringComparison.Ordinal);
        // The missed deadline's notice (the violation's notice above it quotes the test's English reason for upholding).
        var missed = herCentre.Document.QuerySelectorAll("[data-testid=notifications] li").Single(li => li.TextContent.Contains("Plazo incumplido", StringComparison.Ordinal));
        Assert.Empty(TranslatedPagesTests.Foreign("/Notifications (es)", missed, TranslatedPagesTests.EnglishWords));
        var herMail = (await app.InboxAsync(spanish.Email)).Single(m => m.Subject.Contains("Plazo incumplido", StringComparison.Ordinal));
        Assert.Contains("AdPolicy retiró", herMail.Body, StringComparison.Ordinal);

        var hisCentre = await him.GetAsync("/Notifications");
        Assert.Contains("Deadline missed", hisCentre.Text, StringComparison.Ordinal);
        Assert.Contains(": remove the infringing content", hisCentre.Text, StringComparison.Ordinal);
        var hisMail = (await app.InboxAsync(english.Email)).Single(m => m.Subject.Contains("Deadline missed", StringComparison.Ordinal));
        Assert.Contains("AdPolicy removed", hisMail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASpanishReadersPasswordChange_ShowsIdentitysRulesInSpanish_NextToTheField()
    {
        var (spanish, english) = await OrganisationAsync();

        var tooShort = await spanish.Client.PostFormAsync("/Account/Profile", "form[data-testid=change-password]", Password("corta"));
        var noDigit = await spanish.Client.PostFormAsync("/Account/Profile", "form[data-testid=change-password]", Password("sin-numeros-Largo"));
        var inEnglish = await english.Client.PostFormAsync("/Account/Profile", "form[data-testid=change-password]", Password("no-digits-Long"));

        Assert.Equal("La contraseña necesita al menos 10 caracteres.", tooShort.FieldError("Password.New"));
        Assert.Equal("La contraseña necesita al menos un número (0-9).", noDigit.FieldError("Password.New"));
        Assert.Equal("A password needs at least one digit (0-9).", inEnglish.FieldError("Password.New"));
    }

    [Fact]
    public async Task ASpanishFormWithWordsInANumberField_SaysWhatToEnterInSpanish()
    {
        var (spanish, _) = await OrganisationAsync();
        var promotion = await app.CreatePromotionAsync(spanish.Advertiser.Account);
        var form = new Dictionary<string, string> { ["Input.Reason"] = "PerformanceShortfall", ["Input.Description"] = "La entrega se detuvo al 60 % de las impresiones." };

        var empty = await spanish.Client.PostFormAsync($"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", new(form) { ["Input.Amount"] = string.Empty });
        var words = await spanish.Client.PostFormAsync($"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", new(form) { ["Input.Amount"] = "cuatrocientos" });

        Assert.Equal("Escribe el importe que pides.", empty.FieldError("Input.Amount"));
        Assert.Equal("Escribe el importe que pides como un número, por ejemplo 1500,50.", words.FieldError("Input.Amount"));
    }

    [Fact]
    public async Task AnAmountFromANumberField_IsReadAsTheBrowserSendsIt_WhateverTheReadersLanguage()
    {
        var (spanish, _) = await OrganisationAsync();
        var promotion = await app.CreatePromotionAsync(spanish.Advertiser.Account, spent: 1000m);
        var form = new Dictionary<string, string> { ["Input.Reason"] = "PerformanceShortfall", ["Input.Description"] = "La entrega se detuvo al 60 % de las impresiones." };

        // A number input sends "400.50" in every language; the Spanish page shows it as 400,50.
        var filed = await spanish.Client.PostFormAsync($"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", new(form) { ["Input.Amount"] = "400.50" });

        Assert.True(filed.Status == HttpStatusCode.Redirect, filed.FieldError("Input.Amount") + filed.Summary);
        var request = await app.WithDbAsync(db => db.RefundRequests.AsNoTracking().SingleAsync(r => r.PromotionId == promotion.Id));
        Assert.Equal(400.50m, request.RequestedAmount);

        // And a Spanish-reading staff member's decision.
        var agent = await app.CreateUserAsync(Roles.Support, name: "Sara Soporte");
        await app.SetLanguageAsync(agent, "es");
        using var staff = await app.SignedInAsync(agent);
        await staff.PostFormAsync($"/Staff/Refunds/Details/{request.Id}", "form[action*='handler=Claim']", []);
        var decided = await staff.PostFormAsync($"/Staff/Refunds/Details/{request.Id}", "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "150.50", ["Decision.Reason"] = "Sam-2026" });
        Assert.True(decided.Status == HttpStatusCode.Redirect, decided.FieldError("Decision.Amount") + decided.Summary);
        Assert.Equal(150.50m, (await app.RefundAsync(request.Id)).ApprovedAmount);
    }

    [Theory]
    [InlineData("es", "Todavía no tienes notificaciones.")]
    [InlineData("en", "You have no notifications yet.")]
    public async Task AnEmptyNotificationCentre_IsInTheReadersLanguage(string language, string empty)
    {
        var email = await app.CreateUserAsync(Roles.Support);
        await app.SetLanguageAsync(email, language);
        using var reader = await app.SignedInAsync(email);

        var page = await reader.GetAsync("/Notifications");

        Assert.Contains(empty, page.TestId("no-notifications"), StringComparison.Ordinal);
        Assert.Empty(TranslatedPagesTests.Foreign($"/Notifications ({language}, empty)", page, language == "es" ? TranslatedPagesTests.EnglishWords : TranslatedPagesTests.SpanishWords));
    }

    private static Dictionary<string, string> Password(string password) =>
        new() { ["Password.Current"] = AppClient.Password, ["Password.New"] = password, ["Password.Confirm"] = password };

    /// <summary>One organisation with a Spanish-reading and an English-reading member, each signed in.</summary>
    private async Task<(Member Spanish, Member English)> OrganisationAsync()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var colleague = await app.CreateUserAsync(Roles.Advertiser, advertiser.Organisation.Id);
        await app.SetLanguageAsync(advertiser.Email, "es");
        await app.SetLanguageAsync(colleague, "en");
        // A name of neither language: the word checks below look at everything the notices say.
        await app.WithDbAsync(db => db.AdAccounts.Where(a => a.Id == advertiser.Account.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Name, "Lumen Outdoor")));
        return (
            new Member(advertiser.Email, advertiser, await app.SignedInAsync(advertiser.Email)),
            new Member(colleague, advertiser with { Email = colleague }, await app.SignedInAsync(colleague)));
    }

    private sealed record Member(string Email, Advertiser Advertiser, AppClient Client);
}
