using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>
/// The refund pages, the staff queue, dashboard and deadlines, the start page and the notification centre read wholly in
/// the reader's language: with data on them (a case in each state a person meets, queue rows, a deadline, a notice),
/// and with each form posted empty or wrong, no common word of the other language is left — and a sentence of the
/// reader's own language is there (so a redirect or an empty page cannot pass).
/// </summary>
public sealed partial class TranslatedRefundAndQueuePagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>
    /// Parts of these pages that other work translates, left out of the check: the timeline's sentences (the
    /// coordinator's, issue 11: <c>Infrastructure/Timeline.cs</c>) and a promotion's delivery line (the shared
    /// <c>_Delivery</c> partial: the accounts pages' translation). Everything else on the page is checked, the notices
    /// (written in their recipient's language) and the pre-check's refusal reasons too.
    /// </summary>
    private const string OthersParts = "[data-testid=timeline], [data-testid=promotion-delivery]";

    [Theory]
    [InlineData("es")]
    [InlineData("en")]
    public async Task AnAdvertisersRefundPages_StartPageAndNotices_AreInTheirLanguage_WithTheirFormsMessages(string language)
    {
        var spanish = language == "es";
        var advertiser = await app.CreateAdvertiserAsync();
        await app.SetLanguageAsync(advertiser.Email, language); // before staff act: their notices are written in it
        var asked = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var denied = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var paid = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account), amount: 300m);
        var fresh = await app.CreatePromotionAsync(advertiser.Account);
        using (var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Sam Support")))
        {
            await staff.PostFormAsync(StaffPage(asked), "form[action*='handler=RequestInformation']", new()
            {
                ["Information.Question"] = spanish ? "¿Qué ubicaciones dejaron de entregar?" : "Which placements stopped delivering?",
                ["Information.DueDate"] = app.Clock.GetUtcNow().AddDays(5).ToString("yyyy-MM-dd"),
            });

            // What staff write reaches the advertiser as written (in the notices too): here, in the advertiser's language.
            await staff.PostFormAsync(StaffPage(denied), "button[formaction*='handler=Deny']", new()
            {
                ["Decision.Reason"] = spanish ? "La entrega coincidió con el plan." : "The delivery matched the plan.",
                ["Decision.Advice"] = spanish ? "Un informe del déficit." : "A shortfall report.",
            });
            await staff.PostFormAsync(StaffPage(paid), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "300.00", ["Decision.Reason"] = "OK." });
            await staff.PostFormAsync(StaffPage(paid), "form[action*='handler=Pay']", []);
        }

        var notice = await app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == advertiser.Email).Select(u => u.Id).SingleAsync();
            var written = new Notification(Guid.NewGuid(), userId, spanish ? "Tu reembolso se pagó" : "Your refund was paid", "-", $"/Refunds/Details/{paid.Id}", app.Clock.GetUtcNow());
            db.Notifications.Add(written);
            await db.SaveChangesAsync();
            return written;
        });
        using var owner = await app.SignedInAsync(advertiser.Email);
        var nobody = await app.CreateUserAsync("Visitor");
        await app.SetLanguageAsync(nobody, language);
        using var roleless = await app.SignedInAsync(nobody);

        var pages = new List<(string What, PageResult Page, string Spanish, string English)>
        {
            ("my cases", await owner.GetAsync("/Refunds?show=all"), "Mis casos de reembolso", "My refund cases"),
            ("my cases: none closed", await owner.GetAsync("/Refunds?show=closed&beforeAt=2000-01-01T00%3A00%3A00Z&beforeNumber=1"), "No hay casos cerrados.", "No closed cases."),
            ("new", await owner.GetAsync($"/Refunds/New?promotionId={fresh.Id}"), "Comprobación de requisitos", "Eligibility check"),
            ("new: empty", await owner.PostFormAsync($"/Refunds/New?promotionId={fresh.Id}", "form[enctype]", new() { ["Input.Reason"] = "", ["Input.Description"] = "", ["Input.Amount"] = "" }), "Escribe el importe que pides.", "Enter the amount you are asking for."),
            ("new: short", await owner.PostFormAsync($"/Refunds/New?promotionId={fresh.Id}", "form[enctype]", new() { ["Input.Reason"] = nameof(RefundReason.PerformanceShortfall), ["Input.Description"] = "Too short", ["Input.Amount"] = "0" }), "Describe el problema en unas frases (al menos 20 caracteres).", "Describe the issue in a few sentences (at least 20 characters)."),
            ("asked", await owner.GetAsync(OwnerPage(asked)), "El equipo de soporte te preguntó", "Support asked you"),
            ("asked: withdraw?", await owner.GetAsync(OwnerPage(asked) + "?confirm=withdraw"), "¿Retirar esta solicitud?", "Withdraw this request?"),
            ("asked: empty answer", await owner.PostFormAsync(OwnerPage(asked), "form[action*='handler=Answer']", new() { ["Message.Text"] = "" }), "Escribe tu mensaje.", "Write your message."),
            ("asked: empty follow-up", await owner.PostFormAsync(OwnerPage(asked), "form[action*='handler=FollowUp']", new() { ["Message.Text"] = "" }), "Escribe tu mensaje.", "Write your message."),
            ("asked: no files", await owner.PostFormAsync(OwnerPage(asked), "form[action*='handler=Attach']", []), "Elige al menos un archivo para añadir.", "Choose at least one file to add."),
            ("denied", await owner.GetAsync(OwnerPage(denied)), "Impugnar esta decisión", "Dispute this decision"),
            ("denied: empty dispute", await owner.PostFormAsync(OwnerPage(denied), "form[action*='handler=Dispute']", new() { ["Message.Text"] = "" }), "Escribe tu mensaje.", "Write your message."),
            ("paid", await owner.GetAsync(OwnerPage(paid)), "Abonado en tu cuenta publicitaria", "Credited to your ad account"),
            ("follow-up sent", await owner.FollowAsync(await owner.PostFormAsync(OwnerPage(asked), "form[action*='handler=FollowUp']", new() { ["Message.Text"] = "Any news on this?" })), "Tu seguimiento se envió al equipo de soporte.", "Your follow-up was sent to support."),
            ("notifications", await owner.GetAsync("/Notifications"), "Marcar todas como leídas", "Mark all read"),
            ("notifications: all read", await owner.FollowAsync(await owner.PostFormAsync("/Notifications", "form[data-testid=mark-all-read]", [])), "notificaciones marcadas como leídas", "notifications as read"),
            ("notifications: none older", await owner.GetAsync($"/Notifications?beforeAt=2000-01-01T00%3A00%3A00Z&beforeId={notice.Id}"), "No hay notificaciones anteriores.", "No older notifications."),
            ("start page, no role", await roleless.GetAsync("/"), "Tu cuenta todavía no tiene ningún rol.", "Your account has no role yet."),
        };

        AssertInTheirLanguage(language, pages);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("en")]
    public async Task TheStaffRefundPage_Queue_DashboardAndDeadlines_AreInTheirLanguage_WithTheirFormsMessages(string language)
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var complaint = await app.FileComplaintAsync(ComplaintType.UserComplaint, advertiser);
        var agentEmail = await app.CreateUserAsync(Roles.Support, name: "Ana Agent");
        var adminEmail = await app.CreateUserAsync(Roles.Admin, name: "Ada Admin");
        await app.SetLanguageAsync(agentEmail, language);
        await app.SetLanguageAsync(adminEmail, language);
        using var agent = await app.SignedInAsync(agentEmail);
        using var admin = await app.SignedInAsync(adminEmail);
        using (var owner = await app.SignedInAsync(advertiser.Email))
        {
            await owner.PostFormAsync(OwnerPage(request), "form[action*='handler=FollowUp']", new() { ["Message.Text"] = "Any news on this?" });
        }

        var queue = $"/Staff/Queue?Filter.Organisation={advertiser.Organisation.Id}";
        var pages = new List<(string What, PageResult Page, string Spanish, string English)>
        {
            ("refund", await agent.GetAsync(StaffPage(request)), "Pedir información", "Request information"),
            ("refund: claimed", await agent.FollowAsync(await agent.PostFormAsync(StaffPage(request), "form[action*='handler=Claim']", [])), "Ahora tienes " + request.Reference, "You now have " + request.Reference),
            ("refund: empty note", await agent.PostFormAsync(StaffPage(request), "form[action*='handler=Note']", new() { ["Message.Text"] = "" }), "Escribe el mensaje.", "Write the message."),
            ("refund: empty reply", await agent.PostFormAsync(StaffPage(request), "form[action*='handler=Reply']", new() { ["Message.Text"] = "" }), "Escribe el mensaje.", "Write the message."),
            ("refund: empty question", await agent.PostFormAsync(StaffPage(request), "form[action*='handler=RequestInformation']", new() { ["Information.Question"] = "", ["Information.DueDate"] = "" }), "Elige la fecha límite de la respuesta.", "Choose the date the answer is due."),
            ("refund: due too late", await agent.PostFormAsync(StaffPage(request), "form[action*='handler=RequestInformation']", new() { ["Information.Question"] = "Which placements?", ["Information.DueDate"] = app.Clock.GetUtcNow().AddDays(90).ToString("yyyy-MM-dd") }), "el plazo de respuesta es como máximo de", "an answer can be due at most"),
            ("refund: empty decision", await agent.PostFormAsync(StaffPage(request), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "", ["Decision.Reason"] = "" }), "Escribe el motivo que leerá el anunciante.", "Give the reason the advertiser will read."),
            ("refund: no files", await admin.PostFormAsync(StaffPage(request), "form[data-testid=attach-form]", []), "Elige los archivos que quieres adjuntar.", "Choose the files to attach."),
            ("refund: given to nobody", await agent.FollowAsync(await agent.PostFormAsync(StaffPage(request), "form[action*='handler=Assign']", new() { ["assigneeId"] = "" })), "Elige al compañero al que asignar el caso de reembolso.", "Choose the colleague to give the refund case to."),
            ("queue", await agent.GetAsync(queue), "Aplicar filtros", "Apply filters"),
            ("queue: all", await agent.GetAsync("/Staff/Queue"), "Guardar estos filtros como vista", "Save these filters as a view"),
            ("queue: wrong filters", await agent.GetAsync("/Staff/Queue?Filter.Status=Nope&Filter.Reason=Nope&Filter.Advertiser=zz-no-such-advertiser"), "No hay ningún estado abierto llamado", "There is no open status called"),
            ("queue: nothing matches", await agent.GetAsync(queue + "&Filter.Q=no-such-campaign-anywhere"), "Ningún caso abierto coincide con estos filtros.", "No open cases match these filters."),
            ("queue: view without a name", await agent.FollowAsync(await agent.PostFormAsync(queue, "form[action*='handler=SaveView']", new() { ["viewName"] = "" })), "Ponle a la vista un nombre", "Give the view a name"),
            ("queue: nothing selected", await agent.FollowAsync(await agent.PostFormAsync(queue, "form[action*='handler=Assign']", [])), "Selecciona uno o varios casos", "Select one or more cases"),
            ("dashboard", await agent.GetAsync("/Staff/Dashboard"), "Panel del equipo", "Desk dashboard"),
            ("dashboard: wrong period", await agent.GetAsync("/Staff/Dashboard?Filter.Weeks=5"), "Elige un periodo de", "Choose a period of"),
            ("deadlines", await admin.GetAsync($"/Staff/Deadlines?Show=pending&Organisation={advertiser.Organisation.Id}"), "Plazos de ACE", "ACE deadlines"),
            ("deadlines: none missed", await agent.GetAsync("/Staff/Deadlines?Show=missed&Organisation=" + Guid.NewGuid()), "No hay plazos aquí.", "No deadlines here."),
            ("deadlines: the service, for an admin", await admin.GetAsync("/Staff/Deadlines?Show=missed"), "Servicio de plazos", "Deadline service"),
        };

        // The complaint's row is on the queue with its status and kind in words, and its deadlines on the deadlines page.
        Assert.Contains(pages[9].Page.Document.QuerySelectorAll("[data-testid=queue] tr[data-case]"), row => row.GetAttribute("data-case")!.StartsWith("AC-", StringComparison.Ordinal));
        Assert.NotEmpty(pages[17].Page.Document.QuerySelectorAll("[data-testid=deadlines] tr[data-deadline]"));
        Assert.True(complaint.ComplaintId != Guid.Empty);
        AssertInTheirLanguage(language, pages);
    }

    [Fact]
    public async Task AnAmountTypedByStaffReadingSpanish_IsTheAmountTheBrowserSent()
    {
        // A number field sends "250.50" in every language; read with Spanish number rules ("." groups thousands) it would be 25050.
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account), amount: 400m);
        var agentEmail = await app.CreateUserAsync(Roles.Support);
        await app.SetLanguageAsync(agentEmail, "es");
        using var agent = await app.SignedInAsync(agentEmail);

        var approved = await agent.FollowAsync(await agent.PostFormAsync(StaffPage(request), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "250.50", ["Decision.Reason"] = "La mitad del déficit." }));

        Assert.Equal(250.50m, (await app.RefundAsync(request.Id)).ApprovedAmount);
        Assert.Contains("250,50 EUR", approved.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRefundStatus_IsWordedInBothLanguages()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            foreach (var status in Enum.GetValues<RefundStatus>())
            {
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
                Assert.Equal(RefundRequest.Describe(status), AdPolicy.Web.Refunds.RefundText.Status(status));
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("es");
                Assert.NotEqual(RefundRequest.Describe(status), AdPolicy.Web.Refunds.RefundText.Status(status));
                Assert.DoesNotContain("Refund status", AdPolicy.Web.Refunds.RefundText.Status(status), StringComparison.Ordinal);
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>
    /// Resource names are compared without case when the files are built: a second key that differs only in case
    /// ("in review" beside "In review") is dropped with a mere build warning, and the page shows English.
    /// </summary>
    [Fact]
    public void NoResourceFile_HasTwoKeysThatDifferOnlyInCase()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AdPolicy.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var files = Directory.GetFiles(Path.Combine(root.FullName, "src", "AdPolicy.Web", "Resources"), "*.resx", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var clashes = files.SelectMany(file => System.Xml.Linq.XDocument.Load(file).Root!.Elements("data")
                .Select(d => (string)d.Attribute("name")!)
                .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .Select(g => $"{Path.GetFileName(file)}: {string.Join(" / ", g)}"))
            .ToList();

        Assert.Empty(clashes);
    }

    private static string StaffPage(RefundRequest r) => $"/Staff/Refunds/Details/{r.Id}";

    private static string OwnerPage(RefundRequest r) => $"/Refunds/Details/{r.Id}";

    private static void AssertInTheirLanguage(string language, List<(string What, PageResult Page, string Spanish, string English)> pages)
    {
        var foreign = language == "es" ? TranslatedPagesTests.EnglishWords : TranslatedPagesTests.SpanishWords;
        var leftovers = new List<string>();
        var missing = new List<string>();
        foreach (var (what, page, spanish, english) in pages)
        {
            Assert.True(page.Document.Body is not null, $"{what}: {(int)page.Status} {page.Location}");
            var body = (IElement)page.Document.Body!.Clone();
            foreach (var theirs in body.QuerySelectorAll(OthersParts).ToList())
            {
                theirs.Remove();
            }

            // References and the test data's random ids ("CMP-0de1f…") are not words of either language.
            foreach (var text in body.Descendants<IText>().ToList())
            {
                text.Data = Identifier().Replace(text.Data, " ");
            }

            leftovers.AddRange(TranslatedPagesTests.Foreign(what, body, foreign));
            if (!Squash(page.Text).Contains(language == "es" ? spanish : english, StringComparison.Ordinal))
            {
                missing.Add($"{what} ({(int)page.Status}): \"{(language == "es" ? spanish : english)}\" not on the page");
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
        Assert.True(leftovers.Count == 0, string.Join("\n", leftovers));
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\d-]*\d[\p{L}\d-]*")]
    private static partial System.Text.RegularExpressions.Regex Identifier();

}
