using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// A critical violation is upheld; the advertiser's promotions page shows every promotion not delivering, with the
/// reason; an admin lifts the suspension with a reason on the account page; the promotions deliver again and the
/// advertiser has both notices.
/// </summary>
public sealed class EnforcementJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task ACriticalViolationStopsEveryPromotion_AnAdminLiftsItWithAReason_AndTheyDeliverAgain()
    {
        // A user complains about a Sakura Home ad (through the public desk's own service).
        var (complaintId, accountId) = await FileAsync("AD-104-001A");

        // Support upholds it as critical.
        await SignInAsync("support@adpolicy.example");
        await Page.GotoAsync($"/Staff/Complaints/Details/{complaintId}");
        await Page.GetByLabel("Violation tier").SelectOptionAsync(new SelectOptionValue { Value = "Critical" });
        await Page.GetByLabel("Reason (the advertiser and the complainant read it)").FillAsync("The goods sold are counterfeit.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Uphold complaint" }).ClickAsync();
        await Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("upheld");
        var reference = (await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync() ?? string.Empty).Split(' ')[1];
        await ScreenshotAsync("upheld-critical");

        // The advertiser's promotions: none delivers, each says why.
        await SignInAsync("advertiser@sakura.example");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Promotions" }).ClickAsync();
        var rows = Page.Locator("tr[data-promotion]");
        await Expect(rows).ToHaveCountAsync(5);
        foreach (var row in await rows.AllAsync())
        {
            await Expect(row.GetByTestId("delivery")).ToHaveAttributeAsync("data-delivering", "false");
            await Expect(row.GetByTestId("delivery")).ToContainTextAsync("not delivering");
        }

        var running = Page.Locator("tr[data-promotion='CMP-104-002']");
        await Expect(running.GetByTestId("delivery")).ToContainTextAsync("Active — not delivering: account permanently suspended");
        await Expect(running.GetByTestId("delivery-reason")).ToContainTextAsync("critical violation suspends the account immediately and permanently");
        await ScreenshotAsync("promotions-not-delivering");

        // An admin lifts the suspension with a reason on the account page.
        await SignInAsync("admin@adpolicy.example");
        await Page.GotoAsync($"/Staff/Accounts/Details/{accountId}");
        await Expect(Page.GetByTestId("standing")).ToHaveTextAsync("This ad account is permanently suspended.");
        await Page.GetByLabel("Sanction", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await Page.GetByLabel("Reason (the advertiser reads it)").FillAsync("The goods were genuine: the supplier's invoices check out.");
        await ScreenshotAsync("desk-lift");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lift or shorten the sanction" }).ClickAsync();
        await Expect(Page.GetByTestId("standing")).ToHaveTextAsync("This ad account is in good standing.");
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("The goods were genuine: the supplier's invoices check out.");
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("Ada Admin");
        await ScreenshotAsync("lifted");

        // The promotions deliver again, and the advertiser has both notices.
        await SignInAsync("advertiser@sakura.example");
        await Page.GotoAsync("/Promotions");
        await Expect(running.GetByTestId("delivery")).ToHaveTextAsync("Active — delivering");
        await Expect(running.GetByTestId("delivery")).ToHaveAttributeAsync("data-delivering", "true");
        await ScreenshotAsync("promotions-delivering");
        await Page.GotoAsync("/Notifications");
        await Expect(Page.GetByTestId("notifications")).ToContainTextAsync($"Suspension notice {reference}");
        await Expect(Page.GetByTestId("notifications")).ToContainTextAsync($"Lifted {reference}");
        await ScreenshotAsync("notices");

        Assert.Empty(PageProblems);
    }

    private async Task<(Guid Complaint, Guid Account)> FileAsync(string adId)
    {
        await using var scope = App.Scope();
        var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
        var input = new ComplaintInput
        {
            Type = ComplaintType.UserComplaint,
            Category = ProhibitedCategory.UnsafeOrCounterfeitGoods,
            CampaignOrAdId = adId,
            Name = "Kai Buyer",
            Email = "kai@example.com",
            Description = "The 'original' kettle I bought after this ad is a counterfeit and its plug melted.",
        };
        var filed = await desk.FileAsync(input, new Actor(null, input.Name, ActorKind.Complainant), new AdPolicy.Web.Infrastructure.FieldErrors(), CancellationToken.None);
        Assert.NotNull(filed);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (filed.Complaint.Id, await db.AceComplaints.Where(c => c.Id == filed.Complaint.Id).Select(c => c.AdAccountId).SingleAsync());
    }
}
