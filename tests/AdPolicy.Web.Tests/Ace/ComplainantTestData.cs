using System.Net;
using System.Text.RegularExpressions;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>An email as the complainant received it: from the pickup folder, after the outbox sender delivered it.</summary>
public sealed record ReceivedEmail(string Subject, string Body)
{
    public string? TrackingPath => ComplainantTestData.TrackingPathIn(Body);
}

/// <summary>What a complainant does through their tracking link and their inbox, through the real pages and the real outbox.</summary>
internal static partial class ComplainantTestData
{
    /// <summary>An address no other test uses (a class's tests share its database).</summary>
    public static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    public static string? TrackingPathIn(string text) => TrackingPath().Match(text) is { Success: true } m ? m.Value : null;

    /// <summary>Delivers the outbox (as the background sender would) and reads every email sent to <paramref name="address"/>, oldest first.</summary>
    public static async Task<List<ReceivedEmail>> InboxAsync(this NotificationsApp app, string address)
    {
        // The app's own background sender may hold some of these rows (they are claimed with SKIP LOCKED): wait until
        // every email to the address is sent, whoever sent it.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
            if (!await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().AnyAsync(m => m.ToAddress == address && m.SentAt == null)))
            {
                break;
            }

            await Task.Delay(100);
        }

        // Only sent messages have their file: one written meanwhile (a lost-link request queues its email after it has
        // answered) is not in this inbox yet; a caller waiting for it asks again.
        var ids = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == address && m.SentAt != null).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Id).ToListAsync());
        var inbox = new List<ReceivedEmail>();
        foreach (var id in ids)
        {
            var file = app.MailFiles().Single(f => Path.GetFileName(f) == OutboxSender.PickupFileName(id));
            using var mail = await MimeMessage.LoadAsync(file);
            inbox.Add(new ReceivedEmail(mail.Subject ?? string.Empty, mail.TextBody ?? string.Empty));
        }

        return inbox;
    }

    /// <summary>The tracking path of the newest email to <paramref name="address"/> whose subject has <paramref name="subject"/>.</summary>
    public static async Task<string> NewestLinkAsync(this NotificationsApp app, string address, string subject) =>
        (await app.InboxAsync(address)).Last(m => m.Subject.Contains(subject, StringComparison.Ordinal)).TrackingPath
            ?? throw new InvalidOperationException($"The email \"{subject}\" to {address} has no tracking link.");

    public static Task<PageResult> AskForLinksAsync(this AppClient client, string email) =>
        client.PostFormAsync("/Public/Complaints/Lost", "form[data-testid=lost-form]", new() { ["Email"] = email });

    public static Task<PageResult> AddInformationAsync(this AppClient complainant, string trackingPath, string text, params Upload[] files) =>
        complainant.PostFormAsync(trackingPath, "form[data-testid=information-form]", new() { ["Information.Text"] = text }, files);

    public static Task<PageResult> ReplyAsync(this AppClient complainant, string trackingPath, string text) =>
        complainant.PostFormAsync(trackingPath, "form[data-testid=reply-form]", new() { ["Reply.Text"] = text });

    public static Task<PageResult> ContestAsync(this AppClient complainant, string trackingPath, string reason, params Upload[] files) =>
        complainant.PostFormAsync(trackingPath, "form[data-testid=contest-form]", new() { ["Contest.Text"] = reason }, files);

    /// <summary>The advertiser writes to the complainant from the ACE page (the cooperation form under the complaint, which its link opens).</summary>
    public static Task<PageResult> CooperateAsync(this AppClient advertiser, Guid complaintId, string text) =>
        advertiser.PostFormAsync($"/Ace?Write={complaintId}", $"form[action*='handler=Cooperate'][action*='{complaintId}']", new() { ["Message.Text"] = text });

    public static Task<PageResult> RejectAsync(this AppClient staff, Guid complaintId, string reason = "The ad promised nothing about delivery times.") =>
        staff.PostFormAsync($"/Staff/Complaints/Details/{complaintId}", "form[data-testid=reject-form]", new() { ["Decision.Reason"] = reason });

    /// <summary>A staff post the page may not offer (to show the server refuses it too): the page's antiforgery token and the fields.</summary>
    public static async Task<PageResult> PostWithTokenAsync(this AppClient staff, Guid complaintId, string handler, Dictionary<string, string> fields)
    {
        var url = $"/Staff/Complaints/Details/{complaintId}";
        var token = await staff.TokenFromAsync(url);
        return await staff.PostAsync($"{url}?handler={handler}", [.. fields, new("__RequestVerificationToken", token)]);
    }

    public static void AssertRedirected(PageResult result) =>
        Assert.True(result.Status == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)result.Status}: {result.Summary} {string.Join(" ", result.Document.QuerySelectorAll(".text-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0))}");

    [GeneratedRegex(@"/Public/Complaints/Track/[A-Za-z0-9_-]{43}")]
    private static partial Regex TrackingPath();
}
