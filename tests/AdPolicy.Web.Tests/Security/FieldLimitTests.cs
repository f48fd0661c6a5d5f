using System.Net;
using System.Text.RegularExpressions;
using AdPolicy.Domain.Appeals;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Appeals;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Security;

/// <summary>
/// Issue 13: every text field shows its limit on the form. Opens every page (read from the app's page descriptors, with
/// real ids) as anonymous and as each role, and looks at every form: each text input and text area must carry a
/// maxlength, and each text area must say "Up to N characters" with the same N.
/// </summary>
public sealed partial class FieldLimitTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] TextTypes = ["", "text", "email", "search", "url", "tel", "password"];

    [Fact]
    public async Task EveryTextFieldOnEveryForm_AsEveryRole_HasAMaxLength_AndTextAreasSayTheirLimit()
    {
        var penalised = await app.StrikeAsync();
        var advertiser = penalised.Advertiser;
        var refund = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var complaint = await app.FileAsync(AceTestData.UserForm(penalised.Promotion.ExternalCampaignId));
        using var opener = await app.SignedInAsync(advertiser.Email);
        var appeal = await opener.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var clients = await EveryPage.ClientsAsync(app, advertiser.Email);
        var pages = EveryPage.Of(app);

        // Pages whose form needs a query value to open.
        var withQuery = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/Refunds/New"] = $"/Refunds/New?promotionId={penalised.Promotion.Id}",
            ["/Appeals/New"] = $"/Appeals/New?subjectKind=Strike&subjectId={penalised.ViolationId}",
        };
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var fieldsSeen = 0;
        foreach (var (role, client) in clients)
        {
            foreach (var page in pages)
            {
                var id = page.ViewEnginePath switch
                {
                    "/Refunds/Details" or "/Refunds/Staff/Details" => refund.Id,
                    "/Complaints/Staff/Details" => complaint.Id,
                    "/Accounts/Promotions/Details" => penalised.Promotion.Id,
                    "/Accounts/Staff/Details" => advertiser.Account.Id,
                    _ => appeal,
                };
                var path = RouteValue().Replace("/" + page.AttributeRouteInfo!.Template!, m => m.Groups[1].Value switch
                {
                    "id" => id.ToString(),
                    "token" => complaint.TrackingPath.Split('/')[^1],
                    _ => nameof(EvidenceKind.OrdersPlaced),
                });
                path = withQuery.GetValueOrDefault(page.ViewEnginePath, path);
                if (path.StartsWith("/Account/Logout", StringComparison.Ordinal))
                {
                    continue;
                }

                var result = await client.GetAsync(path);
                if (result.Status != HttpStatusCode.OK)
                {
                    continue;
                }

                foreach (var field in result.Document.QuerySelectorAll("form textarea, form input"))
                {
                    var type = (field.GetAttribute("type") ?? string.Empty).ToLowerInvariant();
                    if (field.LocalName == "input" && !TextTypes.Contains(type))
                    {
                        continue;
                    }

                    fieldsSeen++;
                    var name = field.GetAttribute("name") ?? field.GetAttribute("id") ?? "?";
                    var maxLength = field.GetAttribute("maxlength");
                    if (!int.TryParse(maxLength, out var limit) || limit <= 0)
                    {
                        missing.Add($"{page.ViewEnginePath} ({role}): {field.LocalName} {name} has no maxlength");
                        continue;
                    }

                    if (field.LocalName == "textarea"
                        && !(field.ParentElement?.TextContent ?? string.Empty).Contains($"Up to {limit} characters", StringComparison.Ordinal))
                    {
                        missing.Add($"{page.ViewEnginePath} ({role}): textarea {name} does not say \"Up to {limit} characters\"");
                    }
                }
            }
        }

        Assert.True(fieldsSeen > 40, $"Only {fieldsSeen} text fields were found: the crawl did not reach the forms.");
        Assert.True(missing.Count == 0, $"{missing.Count} text fields do not show their limit:\n{string.Join("\n", missing)}");
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();
}
