using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Notifications;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>
/// The complaint side in the reader's language (issue 12): the public complaint pages as an anonymous complainant, the
/// staff complaint pages as support, and the advertiser's ACE page, each with data on it and each form sent back with
/// its messages, carry no common word of the other language; and the complainant's tracking page and emails speak
/// the language chosen on the form, whatever the browser asks.
/// </summary>
public sealed class TranslatedComplaintPagesTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    /// <summary>What people write (descriptions, reasons, messages) is neither language, so only the app's own words are judged.</summary>
    private const string Written = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.";

    /// <summary>
    /// Parts of these pages that are not theirs to translate, left out of the check: the timeline and the account's
    /// enforcement history and a deadline's stored outcome (stored sentences, the coordinator's part, issue 11), and
    /// the delivery line (the <c>_Delivery</c> partial of the promotions pages, translated with them).
    /// </summary>
    private const string NotThisPagesWords = "[data-testid=timeline], [data-testid=history], [data-testid=deadline-outcome], [data-testid=delivery], [data-testid=delivery-reason]";

    [Theory]
    [InlineData("es")]
    [InlineData("en")]
    public async Task TheComplaintPages_WithDataAndTheirMessages_HaveNoWordOfTheOtherLanguage(string language)
    {
        var es = language == "es";
        var foreign = es ? TranslatedPagesTests.EnglishWords : TranslatedPagesTests.SpanishWords;
        var leftovers = new List<string>();
        void Check(string name, PageResult page, string spanish, string english)
        {
            Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{name}: {(int)page.Status} {page.Location}");
            Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
            var body = (IElement)page.Document.Body!.Clone();
            foreach (var other in body.QuerySelectorAll(NotThisPagesWords).ToList())
            {
                other.Remove();
            }

            leftovers.AddRange(TranslatedPagesTests.Foreign(name, body, foreign));
            Assert.True(page.Text.Contains(es ? spanish : english, StringComparison.Ordinal), $"{name}: \"{(es ? spanish : english)}\" is not on the page");
            Assert.DoesNotMatch(@"\{\d+\}", page.Text); // a sentence whose values were never put in
        }

        var advertiser = await app.CreateAdvertiserAsync();
        await app.WithDbAsync(db => db.AdAccounts.Where(a => a.Id == advertiser.Account.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Name, "Lumen Outdoor")));
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active, startsAt: app.Clock.GetUtcNow().AddDays(-2));
        await app.SetLanguageAsync(advertiser.Email, language);
        using var owner = await app.SignedInAsync(advertiser.Email);
        var supportEmail = await app.CreateUserAsync(Roles.Support, name: "Sam Support");
        await app.SetLanguageAsync(supportEmail, language);
        using var support = await app.SignedInAsync(supportEmail);
        using var complainant = app.CreateAppClient();
        complainant.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        // The public pages, and the form sent empty and half filled.
        Check("guidance", await complainant.GetAsync("/Public/Guidance"), "Presenta con claridad tus productos.", "Say exactly what you sell.");
        Check("new", await complainant.GetAsync("/Public/Complaints/New"), "Denunciar un anuncio o a un anunciante", "Report an ad or an advertiser");
        Check("new: empty", await complainant.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, []), "Escribe tu nombre.", "Give your name.");
        Check(
            "new: intellectual property without a role",
            await complainant.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, new() { ["Input.Type"] = nameof(ComplaintType.IntellectualProperty), ["Input.Email"] = "nope" }),
            "solo ellos pueden presentar una queja del titular de la propiedad intelectual",
            "only they can file an intellectual-property complaint");
        Check("lost", await complainant.GetAsync("/Public/Complaints/Lost"), "¿Perdiste tu enlace de seguimiento?", "Lost your tracking link?");
        Check("lost: not an address", await complainant.AskForLinksAsync("nope"), "como nombre@ejemplo.com", "like name@example.com");
        Check("lost: sent", await complainant.GetAsync("/Public/Complaints/Lost?sent=true"), "Los enlaces enviados antes ya no funcionan.", "Links sent before no longer work.");

        // Three complaints: one the advertiser answers, one staff reject, one (intellectual property) staff uphold.
        var (answered, filedPage) = await FileAsync(complainant, AceTestData.UserForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("answered")));
        Check("filed", filedPage, "Tu enlace privado de seguimiento", "Your private tracking link");
        var (rejected, _) = await FileAsync(complainant, new(AceTestData.UserForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("rejected"))) { ["Input.Category"] = nameof(ProhibitedCategory.FalsePromotionOrScam) });
        var (upheld, _) = await FileAsync(complainant, AceTestData.IpForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("upheld")));

        Check("ace: cooperated", await owner.FollowAsync(await owner.CooperateAsync(answered.Id, Written)), "Tu mensaje y tus archivos se han enviado al denunciante.", "Your message and files were sent to the complainant.");
        Check("track: replied", await complainant.FollowAsync(await complainant.ReplyAsync(answered.TrackingPath, Written)), "Tu respuesta se ha enviado al anunciante.", "Your reply was sent to the advertiser.");
        Check("staff: rejected", await support.FollowAsync(await support.RejectAsync(rejected.Id, Written)), "sus plazos quedan cancelados", "its deadlines are cancelled");
        Check("staff: upheld", await support.FollowAsync(await support.UpholdAsync(upheld.Id, ViolationTier.Low, Written)), "infracción de riesgo bajo registrada (advertencia)", "low risk violation recorded (strike)");

        // The tracking pages and their forms.
        Check("track", await complainant.GetAsync(answered.TrackingPath), "Responder al anunciante", "Reply to the advertiser");
        Check("track: information empty", await complainant.AddInformationAsync(answered.TrackingPath, ""), "Escribe la información que quieres añadir o elige un archivo.", "Write the information you want to add, or choose a file.");
        Check("track: reply empty", await complainant.ReplyAsync(answered.TrackingPath, ""), "Escribe tu respuesta al anunciante.", "Write your reply to the advertiser.");
        Check("track: withdraw?", await complainant.GetAsync($"{answered.TrackingPath}?confirm=withdraw"), "¿Retirar esta queja?", "Withdraw this complaint?");
        Check("track: rejected", await complainant.GetAsync(rejected.TrackingPath), "Impugnar el rechazo", "Contest the rejection");
        Check("track: contest empty", await complainant.ContestAsync(rejected.TrackingPath, ""), "Explica por qué el rechazo es un error.", "Say why the rejection is wrong.");
        Check("track: upheld", await complainant.GetAsync(upheld.TrackingPath), "Registramos una infracción de riesgo bajo contra el anunciante.", "We recorded a low risk violation against the advertiser.");

        // Support's pages.
        Check("staff: new", await support.GetAsync("/Staff/Complaints/New"), "Registrar una queja recibida por otra vía", "Record a complaint received another way");
        Check("staff: new empty", await support.PostFormAsync("/Staff/Complaints/New", AceTestData.ComplaintForm, []), "Elige qué hizo mal el anunciante.", "Choose what the advertiser did wrong.");
        var details = $"/Staff/Complaints/Details/{answered.Id}";
        Check("staff: details", await support.GetAsync(details), "Enlace de seguimiento del denunciante", "Complainant's tracking link");
        Check("staff: uphold empty", await support.PostFormAsync(details, "form[data-testid=uphold-form]", []), "Elige el nivel de la infracción.", "Choose the violation's tier.");
        Check("staff: reject empty", await support.PostFormAsync(details, "form[data-testid=reject-form]", []), "Escribe el motivo que leerán el anunciante y el denunciante.", "Give the reason the advertiser and the complainant will read.");
        Check("staff: details upheld", await support.GetAsync($"/Staff/Complaints/Details/{upheld.Id}"), "Esta cuenta publicitaria está suspendida hasta el", "This ad account is suspended until");
        Check("staff: details rejected", await support.GetAsync($"/Staff/Complaints/Details/{rejected.Id}"), "Decidida", "Decided");

        // The advertiser's ACE page: a strike, its suspension, violations, deadlines with their forms, the complaints.
        var ace = await owner.GetAsync("/Ace");
        Check("ace", ace, "1.ª advertencia en Suplantación o uso indebido de otra marca", "1st strike in Impersonating or misusing another brand");
        Assert.Contains(es ? "Conversación con Denunciante" : "Conversation with Complainant", ace.Text, StringComparison.Ordinal);
        Assert.Contains(es ? "Cómo funciona la política" : "How the policy works", ace.Text, StringComparison.Ordinal);
        Check("ace: message empty", await owner.CooperateAsync(upheld.Id, ""), "Escribe tu mensaje.", "Write your message.");
        Check("ace: correction empty", await owner.PostFormAsync("/Ace", "form[action*='handler=Corrected']", []), "Indica qué corregiste en el contenido similar.", "Say what you corrected in the similar content.");

        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task AComplaintFiledInSpanish_ShowsItsTrackingPageInSpanish_ToABrowserAskingForEnglish_UntilTheVisitorSwitches()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        var email = ComplainantTestData.Unique("lucia");
        var filed = await app.FileAsync(new(AceTestData.UserForm(promotion.ExternalCampaignId, email)) { ["Input.Language"] = "es" });
        using var visitor = app.CreateAppClient();
        visitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var page = await visitor.GetAsync(filed.TrackingPath);

        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains($"Tu queja {filed.Reference}", page.Text, StringComparison.Ordinal);
        Assert.Equal("Escribe la información que quieres añadir o elige un archivo.", (await visitor.AddInformationAsync(filed.TrackingPath, "")).FieldError("Information.Text"));
        Assert.Equal("en", (await visitor.GetAsync("/Public/Complaints/New")).Document.DocumentElement.GetAttribute("lang")); // only the tracking page follows the complaint

        // The footer's switcher is the visitor's own choice, and it wins.
        var switched = await visitor.PostFormAsync(filed.TrackingPath, "form[data-testid=language-switcher]", new() { ["language"] = "en", ["returnUrl"] = filed.TrackingPath });
        var english = await visitor.FollowAsync(switched);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains($"Your complaint {filed.Reference}", english.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTrackingLinkEmails_AreInTheComplaintsLanguage_WhoeverAsksForThem()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        var email = ComplainantTestData.Unique("lucia");
        var filed = await app.FileAsync(new(AceTestData.UserForm(promotion.ExternalCampaignId, email)) { ["Input.Language"] = "es" });

        var atFiling = Assert.Single(await app.InboxAsync(email));
        Assert.Equal($"AdPolicy: Hemos recibido tu queja {filed.Reference}", atFiling.Subject);
        Assert.Contains("Hemos recibido tu queja del usuario sobre servicio posventa lento.", atFiling.Body, StringComparison.Ordinal);
        Assert.Matches($"Tu enlace privado de seguimiento: https?://[^/]+{filed.TrackingPath}", atFiling.Body);
        Assert.Contains("No compartas este enlace", atFiling.Body, StringComparison.Ordinal);

        // Asked for again from an English page, then re-issued by staff reading English: still Spanish.
        using var englishVisitor = app.CreateAppClient();
        englishVisitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        ComplainantTestData.AssertRedirected(await englishVisitor.AskForLinksAsync(email));
        var askedAgain = await WaitForAsync(email, "Tu enlace de seguimiento de la queja");
        Assert.Equal($"AdPolicy: Tu enlace de seguimiento de la queja {filed.Reference}", askedAgain.Subject);
        Assert.Contains("los enlaces enviados antes ya no funcionan", askedAgain.Body, StringComparison.Ordinal);

        using var staff = await app.SupportAsync();
        var reissued = await staff.FollowAsync(await staff.PostFormAsync($"/Staff/Complaints/Details/{filed.Id}", "form[action*='handler=ReissueLink']", []));
        Assert.Equal("en", reissued.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("A new tracking link was emailed to the complainant", reissued.Text, StringComparison.Ordinal);
        var byStaff = await WaitForAsync(email, "Un nuevo enlace de seguimiento");
        Assert.Equal($"AdPolicy: Un nuevo enlace de seguimiento para la queja {filed.Reference}", byStaff.Subject);
        Assert.Contains("El equipo de soporte de AdPolicy ha sustituido el enlace de seguimiento de tu queja sobre servicio posventa lento.", byStaff.Body, StringComparison.Ordinal);
        Assert.NotNull(byStaff.TrackingPath);
    }

    [Fact]
    public async Task TheContestEmail_IsInTheComplaintsLanguage()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        var email = ComplainantTestData.Unique("lucia");
        var filed = await app.FileAsync(new(AceTestData.UserForm(promotion.ExternalCampaignId, email)) { ["Input.Language"] = "es" });
        using var first = await app.SupportAsync();
        ComplainantTestData.AssertRedirected(await first.RejectAsync(filed.Id, Written));
        using var complainant = app.CreateAppClient();
        ComplainantTestData.AssertRedirected(await complainant.ContestAsync(filed.TrackingPath, Written));
        using var second = await app.SupportAsync();

        ComplainantTestData.AssertRedirected(await second.PostFormAsync(
            $"/Staff/Complaints/Details/{filed.Id}", "form[data-testid=turn-down-contest-form]", new() { ["Decision.Reason"] = Written }));

        var turnedDown = await WaitForAsync(email, "impugnación");
        Assert.Equal($"AdPolicy: Tu impugnación de la queja {filed.Reference} fue desestimada", turnedDown.Subject);
        Assert.Contains($"mantuvo el rechazo. {Written} Un rechazo solo se puede impugnar una vez", turnedDown.Body, StringComparison.Ordinal);
    }

    /// <summary>The email to the address whose subject has <paramref name="subject"/>, once the request that sends it has run (a lost-link request is answered first, sent after).</summary>
    private async Task<Ace.ReceivedEmail> WaitForAsync(string address, string subject)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await app.InboxAsync(address)).SingleOrDefault(m => m.Subject.Contains(subject, StringComparison.Ordinal)) is { } email)
            {
                return email;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{address} received no email about \"{subject}\".");
    }

    private async Task<(FiledComplaint Complaint, PageResult Confirmation)> FileAsync(AppClient complainant, Dictionary<string, string> form)
    {
        form["Input.Description"] = Written;
        var result = await complainant.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, form);
        ComplainantTestData.AssertRedirected(result);
        var confirmation = await complainant.FollowAsync(result);
        var reference = confirmation.TestId("reference");
        var number = long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture);
        var complaint = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.Number == number));
        return (new FiledComplaint(complaint.Id, reference, confirmation.TestId("tracking-link")), confirmation);
    }

}
