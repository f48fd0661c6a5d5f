using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

public sealed record FiledComplaint(Guid Id, string Reference, string TrackingUrl)
{
    public string TrackingPath => new Uri(TrackingUrl).AbsolutePath;
}

/// <summary>Complaints filed and decided through the real pages, as a complainant and staff would.</summary>
internal static class AceTestData
{
    public const string ComplaintForm = "form[data-testid=complaint-form]";

    public static Dictionary<string, string> IpForm(string campaignOrAdId, string email = "legal@brand.example") => new()
    {
        ["Input.Type"] = nameof(ComplaintType.IntellectualProperty),
        ["Input.Category"] = nameof(ProhibitedCategory.BrandImpersonation),
        ["Input.CampaignOrAdId"] = campaignOrAdId,
        ["Input.Name"] = "Rita Rights",
        ["Input.Email"] = email,
        ["Input.Organisation"] = "Brand Ltd",
        ["Input.Role"] = nameof(ComplainantRole.RightsHolder),
        ["Input.RightConcerned"] = "EU trademark 018123456",
        ["Input.Description"] = "The ad shows our registered logo on goods that are not ours.",
    };

    public static Dictionary<string, string> UserForm(string campaignOrAdId, string email = "uma@example.com") => new()
    {
        ["Input.Type"] = nameof(ComplaintType.UserComplaint),
        ["Input.Category"] = nameof(ProhibitedCategory.SlowAfterSales),
        ["Input.CampaignOrAdId"] = campaignOrAdId,
        ["Input.Name"] = "Uma User",
        ["Input.Email"] = email,
        ["Input.Description"] = "I ordered after this ad five weeks ago and nothing arrived.",
    };

    /// <summary>Files on the public form with an anonymous client and reads the tracking link off the confirmation.</summary>
    public static async Task<FiledComplaint> FileAsync(this AppFactory app, Dictionary<string, string> form, params Upload[] files)
    {
        using var anonymous = app.CreateAppClient();
        var result = await anonymous.PostFormAsync("/Public/Complaints/New", ComplaintForm, form, files);
        Assert.True(result.Status == HttpStatusCode.Redirect, $"Filing failed: {result.Summary} {result.Text[..Math.Min(result.Text.Length, 2000)]}");
        var confirmation = await anonymous.FollowAsync(result);
        var url = confirmation.TestId("tracking-link");
        var reference = confirmation.TestId("reference");
        var number = long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture);
        var complaint = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.Number == number));
        return new FiledComplaint(complaint.Id, reference, url);
    }

    public static async Task<AppClient> SupportAsync(this AppFactory app) =>
        await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Sam Support"));

    public static Task<PageResult> UpholdAsync(this AppClient staff, Guid complaintId, ViolationTier tier, string reason = "The ad uses the complainant's trademark.") =>
        staff.PostFormAsync(
            $"/Staff/Complaints/Details/{complaintId}",
            "form[data-testid=uphold-form]",
            new() { ["Decision.Tier"] = tier.ToString(), ["Decision.Reason"] = reason });

    public static async Task<PageResult> WithdrawAsync(this AppClient complainant, FiledComplaint complaint) =>
        await complainant.PostFormAsync($"{complaint.TrackingPath}?confirm=withdraw", "form[action*=Withdraw]", []);

    /// <summary>The antiforgery token of any form on <paramref name="url"/>, for posts a page does not offer.</summary>
    public static async Task<string> TokenFromAsync(this AppClient client, string url) =>
        (await client.GetAsync(url)).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
