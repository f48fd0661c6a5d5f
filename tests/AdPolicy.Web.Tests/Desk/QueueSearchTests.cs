using System.Net;
using System.Text;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Queue;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Desk;

/// <summary>Issue 14, point 1: one search box, filters as choices in words, paging both ways with the total, saved views, CSV.</summary>
public sealed class QueueSearchTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<AppClient> StaffAsync() => await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Sam Search"));

    private static string Search(string q, string more = "") => $"/Staff/Queue?Filter.Q={Uri.EscapeDataString(q)}{more}";

    [Fact]
    public async Task Search_FindsARefundByReferenceAdvertiserCampaignOrAdId_InAnyCase_AndNothingElse()
    {
        var advertiser = await app.CreateNamedAdvertiserAsync($"Lumen Outdoor {Guid.NewGuid():N}"[..22]);
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var request = await app.FileRefundAsync(advertiser, promotion);
        var other = await app.CreateAdvertiserAsync();
        var unrelated = await app.FileRefundAsync(other, await app.CreatePromotionAsync(other.Account));
        using var staff = await StaffAsync();
        var adId = promotion.Ads[0].ExternalAdId;
        var orgWords = advertiser.Organisation.Name.Split(' ');

        foreach (var q in new[]
        {
            request.Reference, request.Reference.ToLowerInvariant(), promotion.ExternalCampaignId, promotion.ExternalCampaignId.ToLowerInvariant(),
            promotion.ExternalCampaignId[4..12], adId, advertiser.Organisation.Name, $"{orgWords[2]} {orgWords[1]}",
        })
        {
            var page = await staff.GetAsync(Search(q));

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal([request.Reference], QueuePage.Rows(page));
            Assert.Contains("1 case", page.TestId("queue-total"), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(unrelated.Reference, QueuePage.Rows(await staff.GetAsync(Search(promotion.ExternalCampaignId))));
        Assert.Empty(QueuePage.Rows(await staff.GetAsync(Search("no-such-campaign-anywhere"))));
        Assert.Contains("0 cases", (await staff.GetAsync(Search("no-such-campaign-anywhere"))).TestId("queue-total"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FindsAComplaintByTheComplainantsEmail_AndByTheAdComplainedOf()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: Domain.Promotions.PromotionStatus.Active);
        var email = $"uma.{Guid.NewGuid():N}"[..14] + "@example.com";
        var complaint = await app.FileAsync(AceTestData.UserForm(promotion.Ads[0].ExternalAdId.ToLowerInvariant(), email));
        using var staff = await StaffAsync();

        Assert.Equal([complaint.Reference], QueuePage.Rows(await staff.GetAsync(Search(email.ToUpperInvariant()))));
        Assert.Equal([complaint.Reference], QueuePage.Rows(await staff.GetAsync(Search(promotion.Ads[0].ExternalAdId, "&Filter.Kind=AceComplaint"))));
    }

    [Fact]
    public async Task SearchCharacters_LikePercentAndUnderscore_AreTakenLiterally_AndOverlongSearchesAreRefusedBesideTheBox()
    {
        using var staff = await StaffAsync();

        var wildcard = await staff.GetAsync(Search("%"));
        var underscore = await staff.GetAsync(Search("___"));
        var overlong = await staff.GetAsync(Search(new string('x', 201)));

        Assert.Empty(QueuePage.Rows(wildcard));
        Assert.Empty(QueuePage.Rows(underscore));
        Assert.Equal(HttpStatusCode.OK, overlong.Status);
        Assert.Equal("Search for at most 200 characters.", overlong.FieldError("Filter.Q"));
    }

    [Fact]
    public async Task Filters_AreChoicesInWords_AndTypedStatusesInAnyCaseFindTheirCases()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var staff = await StaffAsync();

        var page = await staff.GetAsync(QueuePage.For(advertiser));
        var statusOptions = page.Document.QuerySelectorAll("select#status option").Select(o => o.TextContent.Trim()).ToList();
        var reasonOptions = page.Document.QuerySelectorAll("select#reason option").Select(o => o.TextContent.Trim()).ToList();

        Assert.Contains("In review", statusOptions);
        Assert.Contains("Awaiting advertiser", statusOptions);
        Assert.Contains("Disputed", statusOptions);
        Assert.Contains("Intellectual property", reasonOptions);
        Assert.DoesNotContain("InReview", statusOptions);
        Assert.Equal([request.Reference], QueuePage.Rows(await staff.GetAsync(QueuePage.For(advertiser, "&Filter.Status=submitted"))));
        Assert.Equal([request.Reference], QueuePage.Rows(await staff.GetAsync(QueuePage.For(advertiser, "&Filter.Reason=performance%20shortfall"))));

        var nonsense = await staff.GetAsync(QueuePage.For(advertiser, "&Filter.Status=Nonsense"));
        Assert.Equal("There is no open status called \"Nonsense\"; choose one from the list.", nonsense.FieldError("Filter.Status"));
        Assert.Equal([request.Reference], QueuePage.Rows(nonsense));
    }

    [Fact]
    public async Task Paging_GoesForwardAndBack_WithTheTotalAndThePositionShown()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await app.FileManyAsync(advertiser, 120);
        using var staff = await StaffAsync();

        var first = await staff.GetAsync(QueuePage.For(advertiser, "&Filter.Sort=age"));
        var second = await staff.GetAsync(Link(first, "Next page"));
        var third = await staff.GetAsync(Link(second, "Next page"));
        var backToSecond = await staff.GetAsync(Link(third, "Previous page"));
        var backToFirst = await staff.GetAsync(Link(backToSecond, "Previous page"));

        Assert.Contains("Showing 1–50 of 120 cases", Squash(first.TestId("queue-total")), StringComparison.Ordinal);
        Assert.Contains("Showing 51–100 of 120 cases", Squash(second.TestId("queue-total")), StringComparison.Ordinal);
        Assert.Contains("Showing 101–120 of 120 cases", Squash(third.TestId("queue-total")), StringComparison.Ordinal);
        Assert.Equal(20, QueuePage.Rows(third).Length);
        Assert.Null(LinkOrNull(third, "Next page"));
        Assert.Null(LinkOrNull(first, "Previous page"));
        Assert.Equal(QueuePage.Rows(second), QueuePage.Rows(backToSecond));
        Assert.Equal(QueuePage.Rows(first), QueuePage.Rows(backToFirst));
        Assert.Empty(QueuePage.Rows(first).Intersect(QueuePage.Rows(second)));
    }

    [Fact]
    public async Task SavedViews_ArePerPerson_OpenWithTheirFilters_AndAnotherPersonsViewCannotBeDeleted()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var staff = await StaffAsync();
        using var colleague = await StaffAsync();
        var url = QueuePage.For(advertiser, "&Filter.Assignee=unassigned&Filter.Status=Submitted");

        var saved = await staff.FollowAsync(await staff.PostFormAsync(url, "form[action*='handler=SaveView']", new() { ["viewName"] = "New for this advertiser" }));

        Assert.Equal("Saved the view \"New for this advertiser\".", QueuePage.Status(saved));
        var link = saved.Document.QuerySelectorAll("[data-testid=saved-views] a").Single(a => a.TextContent.Trim() == "New for this advertiser");
        var opened = await staff.GetAsync(link.GetAttribute("href")!);
        Assert.Equal([request.Reference], QueuePage.Rows(opened));
        Assert.Equal("Submitted", opened.Document.QuerySelector("select#status option[selected]")!.GetAttribute("value"));
        Assert.Equal("unassigned", opened.Document.QuerySelector("select#assignee option[selected]")!.GetAttribute("value"));
        Assert.DoesNotContain("New for this advertiser", (await colleague.GetAsync("/Staff/Queue")).TestId("saved-views"), StringComparison.Ordinal);

        var viewId = await app.WithDbAsync(db => Task.FromResult(db.SavedViews.Single(v => v.Name == "New for this advertiser").Id));
        var token = await colleague.TokenFromAsync("/Staff/Queue");
        var foreign = await colleague.PostAsync($"/Staff/Queue?handler=DeleteView&viewId={viewId}", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);

        var deleted = await staff.FollowAsync(await staff.PostFormAsync("/Staff/Queue", $"form[action*='viewId={viewId}']", []));
        Assert.Equal("View deleted.", QueuePage.Status(deleted));
        Assert.DoesNotContain("New for this advertiser", deleted.TestId("saved-views"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGiveToList_ShowsAColleagueAddedMovedOutOfStaffOrDisabled_OnTheNextView()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var staff = await StaffAsync();
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));
        static string GiveTo(PageResult page) => page.TestId("assign-list");
        var newcomerName = $"Nia {Guid.NewGuid():N}"[..16];
        var leaverName = $"Lee {Guid.NewGuid():N}"[..16];
        Assert.DoesNotContain(newcomerName, GiveTo(await staff.GetAsync("/Staff/Queue")), StringComparison.Ordinal); // the list is read (and kept)

        var newcomer = await app.CreateUserAsync(Roles.Reviewer, name: newcomerName);
        var leaver = await app.CreateUserAsync(Roles.Support, name: leaverName);
        Assert.Contains($"{newcomerName} (Reviewer)", GiveTo(await staff.GetAsync("/Staff/Queue")), StringComparison.Ordinal);
        Assert.Contains($"{leaverName} (Support)", GiveTo(await staff.GetAsync("/Staff/Queue")), StringComparison.Ordinal);

        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByEmailAsync(leaver))!, Roles.Support)).Succeeded);
        }

        Assert.DoesNotContain(leaverName, GiveTo(await staff.GetAsync("/Staff/Queue")), StringComparison.Ordinal);

        await admin.PostFormAsync("/Admin/Users", $"tr[data-user='{newcomer}'] form", []);
        Assert.DoesNotContain(newcomerName, GiveTo(await staff.GetAsync("/Staff/Queue")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltInViews_MyOverdueAndIpComplaintsUnassigned_AreOffered()
    {
        using var staff = await StaffAsync();

        var page = await staff.GetAsync("/Staff/Queue");
        var views = page.Document.QuerySelectorAll("[data-testid=saved-views] a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href")!);

        Assert.Contains("Filter.Assignee=mine", views["My overdue"], StringComparison.Ordinal);
        Assert.Contains("Filter.Overdue=true", views["My overdue"], StringComparison.Ordinal);
        Assert.Contains("Filter.Reason=IntellectualProperty", views["IP complaints unassigned"], StringComparison.Ordinal);
        Assert.Contains("Filter.Assignee=unassigned", views["IP complaints unassigned"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvExport_HasTheFilteredCases_WithFormulaCellsEscaped()
    {
        var advertiser = await app.CreateNamedAdvertiserAsync("=HYPERLINK(\"http://evil.example\")");
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var staff = await StaffAsync();

        var response = await staff.Http.GetAsync($"/Staff/Queue?handler=Export&Filter.Organisation={advertiser.Organisation.Id}");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("Case,Kind,Advertiser", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{request.Reference},Refund request,\"'=HYPERLINK(", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdvertiser_CannotSearchTheQueue()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.Http.GetAsync(Search("RF-"));

        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static string? LinkOrNull(PageResult page, string text) =>
        page.Document.QuerySelectorAll("[data-testid=pager] a").FirstOrDefault(a => a.TextContent.Trim() == text)?.GetAttribute("href");

    private static string Link(PageResult page, string text) => LinkOrNull(page, text) ?? throw new Xunit.Sdk.XunitException($"No {text} link");
}
