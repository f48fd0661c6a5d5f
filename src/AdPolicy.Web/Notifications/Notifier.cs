using System.Text;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Data;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Notifications;

/// <summary>
/// Tells people about something that happened: a line in their notification centre and, for what they must not miss,
/// an email through the outbox. It only adds rows to the caller's <see cref="AppDbContext"/>; the caller's
/// <c>SaveChanges</c> commits them with the change that caused them, or not at all.
/// </summary>
/// <remarks>
/// Every notice and email is written for its recipient: the caller passes a writer, not a text, and the notifier runs it
/// in the recipient's language (their profile's, else the configured default), so what the person who acted reads
/// plays no part. Moments in a notice are written as <see cref="Infrastructure.Display.Utc"/> does; the in-app notice
/// keeps them so and the notifications page shows them in the reader's zone, and each email is written in its
/// recipient's zone when it is made (their profile's zone, else their organisation's region's).
/// </remarks>
public sealed partial class Notifier(
    AppDbContext db,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    IDataProtectionProvider protection,
    IOptions<LocalisationOptions> localisation,
    ILogger<Notifier> logger)
{
    /// <summary>The DataProtection purpose of sealed outbox bodies (<see cref="OutboxMessage.IsSealed"/>).</summary>
    public const string SealedBodyPurpose = "AdPolicy.Outbox.SealedBody";

    private readonly Dictionary<Guid, List<(Guid Id, string? Email, Recipient Reader)>> _members = [];
    private readonly Dictionary<Guid, (bool Active, string? Email, Recipient Reader)> _users = [];

    /// <summary>
    /// Notifies one user, in their language: <paramref name="write"/> runs while the notifier speaks it (localisers,
    /// numbers and money follow), so the notice and its email read as the recipient reads, whoever acted. Returns false
    /// when an email was asked for but the user has no address (the in-app notice is still added), or when the account
    /// is disabled (nothing is added: a disabled account receives nothing).
    /// </summary>
    public async Task<bool> NotifyAsync(Guid userId, Func<(string Title, string Body)> write, string? link, bool email, CancellationToken cancellationToken = default)
    {
        if (!_users.TryGetValue(userId, out var recipient))
        {
            // Remembered for this scope, as the organisations' members are: a sweep telling one agent of many deadlines asks once.
            var found = await FindAsync(userId, cancellationToken);
            recipient = (found is not null, found?.Email, found?.Reader ?? Recipient.Of(null, null, null, localisation.Value));
            _users[userId] = recipient;
        }

        return recipient.Active && Add(userId, email, recipient.Email, recipient.Reader, WriteFor(recipient.Reader, write, null), link);
    }

    /// <summary>Notifies every member of an advertiser organisation (one query for all of them), each in their language. Returns how many were notified.</summary>
    public Task<int> NotifyOrganisationAsync(Guid organisationId, Func<(string Title, string Body)> write, string? link, bool email, CancellationToken cancellationToken = default) =>
        NotifyOrganisationAsync(organisationId, write, link, email, null, cancellationToken);

    /// <summary>As above, written at <paramref name="at"/>: the moment a clock starts from the notice (the 48-hour correction deadline).</summary>
    public async Task<int> NotifyOrganisationAsync(Guid organisationId, Func<(string Title, string Body)> write, string? link, bool email, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        if (!_members.TryGetValue(organisationId, out var members))
        {
            // Remembered for this scope: a sweep telling one organisation of many deadlines asks once.
            var region = await db.Organisations.Where(o => o.Id == organisationId).Select(o => (Region?)o.Region).FirstOrDefaultAsync(cancellationToken);
            members = (await db.Users
                    .Where(u => u.OrganisationId == organisationId && u.DisabledAt == null)
                    .Select(u => new { u.Id, u.Email, u.TimeZone, u.Language })
                    .ToListAsync(cancellationToken))
                .Select(u => (u.Id, u.Email, Recipient.Of(u.TimeZone, u.Language, region, localisation.Value)))
                .ToList();
            _members[organisationId] = members;
        }

        var byLanguage = new Dictionary<string, Written>(StringComparer.Ordinal);
        foreach (var (id, address, reader) in members)
        {
            Add(id, email, address, reader, WriteFor(reader, write, byLanguage), link, at);
        }

        return members.Count;
    }

    /// <summary>
    /// An email only, with no line in the notification centre: for what must not be kept there (a password reset
    /// link). Written in the recipient's zone and language. Returns false when the account is disabled or has no address.
    /// </summary>
    public async Task<bool> EmailOnlyAsync(Guid userId, Func<(string Title, string Body)> write, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(userId, cancellationToken) is not { Email: { Length: > 0 } address, Reader: var reader })
        {
            return false;
        }

        string title, body;
        using (reader.Speak())
        {
            (title, body) = write();
        }

        var now = clock.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessage(Guid.CreateVersion7(now), address, $"AdPolicy: {title}", reader.Text(body), now));
        return true;
    }

    /// <summary>
    /// The complainant's private tracking link, by email: at filing, when they ask for it again, and when staff issue a
    /// new one. The database keeps only the token's hash, so the body is sealed (<see cref="OutboxMessage.IsSealed"/>):
    /// protected at rest and wiped once delivered. Written in the complainant's language (<paramref name="language"/>,
    /// the one chosen on the form), whoever's request sends it. Returns the outbox id.
    /// </summary>
    public Guid EmailTrackingLink(string address, string? language, Func<(string Title, string Body)> write, string trackingPath)
    {
        var now = clock.GetUtcNow();
        string title, text;
        using (Recipient.Of(Zones.Utc, language, null, localisation.Value).Speak())
        {
            (title, var body) = write();
            text = new StringBuilder().AppendLine(title).AppendLine().AppendLine(body).AppendLine()
                .AppendLine(Words.Format(TrackingLinkLine, options.Value.SiteUrl.TrimEnd('/') + trackingPath)).AppendLine()
                .AppendLine(Words.Get(TrackingLinkKeep))
                .ToString();
        }

        var message = new OutboxMessage(
            Guid.CreateVersion7(now), address, $"AdPolicy: {title}", protection.CreateProtector(SealedBodyPurpose).Protect(text), now, isSealed: true);
        db.OutboxMessages.Add(message);
        return message.Id;
    }

    /// <summary>The tracking-link email's own lines (shared resource keys).</summary>
    public const string TrackingLinkLine = "Your private tracking link: {0}";

    public const string TrackingLinkKeep = "Keep this link to yourself: anyone who has it can follow and withdraw your complaint. If you lose it, use \"Lost your link?\" on the complaint form and we email every open complaint's link to this address again.";

    /// <summary>
    /// An email to someone without an account (a complainant), through the same outbox. It never carries their
    /// tracking link (only <see cref="EmailTrackingLink"/> does, sealed).
    /// </summary>
    /// <summary>The line under every email to a complainant (their link is never in it).</summary>
    public const string TrackingFooter = "Open your private tracking link to see the whole case. Lost it? Use \"Lost your link?\" on the complaint form: we email it to this address again.";

    public void EmailWithoutAccount(string address, string? language, Func<(string Title, string Body)> write)
    {
        var now = clock.GetUtcNow();
        var reader = Recipient.Of(Zones.Utc, language, null, localisation.Value);
        string title, body, footer;
        using (reader.Speak()) // written in the complainant's language, whoever's request sends it
        {
            (title, body) = write();
            footer = Words.Get(TrackingFooter);
        }

        title = reader.Text(title);
        var text = new StringBuilder().AppendLine(title).AppendLine().AppendLine(reader.Text(body)).AppendLine().AppendLine(footer).ToString();
        db.OutboxMessages.Add(new OutboxMessage(Guid.CreateVersion7(now), address, $"AdPolicy: {title}", text, now));
    }

    /// <summary>A notice as one recipient reads it: its title and body, and the email's fixed lines, in their language.</summary>
    private sealed record Written(string Title, string Body, string OpenIt, string Why);

    /// <summary>
    /// Writes the notice in the recipient's language (once per language for an organisation's members). Its moments
    /// stay as <see cref="Infrastructure.Display.Utc"/> writes them: the notifications page and the email put them in the reader's zone.
    /// </summary>
    private static Written WriteFor(Recipient reader, Func<(string Title, string Body)> write, Dictionary<string, Written>? byLanguage)
    {
        if (byLanguage?.GetValueOrDefault(reader.Culture.Name) is { } known)
        {
            return known;
        }

        Written written;

        using (reader.Speak())
        {
            var (title, body) = write();
            written = new Written(title, body, NoticeWords.Get("Open it in AdPolicy:"), NoticeWords.Get("You receive this email because of your AdPolicy account. Your notifications:"));
        }

        byLanguage?.Add(reader.Culture.Name, written);
        return written;
    }

    private bool Add(Guid userId, bool email, string? address, Recipient reader, Written written, string? link, DateTimeOffset? at = null)
    {
        var now = at ?? clock.GetUtcNow();
        var notification = new Notification(Guid.CreateVersion7(now), userId, written.Title, written.Body, link, now);
        db.Notifications.Add(notification);
        if (!email)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(address))
        {
            LogNoAddress(logger, userId);
            return false;
        }

        db.OutboxMessages.Add(new OutboxMessage(Guid.CreateVersion7(now), address, $"AdPolicy: {reader.Text(notification.Title)}", EmailBody(notification, reader, written), now));
        return true;
    }

    private string EmailBody(Notification notification, Recipient reader, Written written)
    {
        var site = options.Value.SiteUrl.TrimEnd('/');
        var text = new StringBuilder()
            .AppendLine(reader.Text(notification.Title))
            .AppendLine()
            .AppendLine(reader.Text(notification.Body));
        if (notification.Link is { } link)
        {
            text.AppendLine().Append(written.OpenIt).Append(' ').AppendLine(site + link);
        }

        text.AppendLine().Append(written.Why).Append(' ').AppendLine(site + "/Notifications");
        return text.ToString();
    }

    /// <summary>An active user's address and how they read (zone, language); null when disabled or unknown.</summary>
    private async Task<(string? Email, Recipient Reader)?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        var found = await db.Users.Where(u => u.Id == userId && u.DisabledAt == null)
            .Select(u => new { u.Email, u.TimeZone, u.Language, Region = db.Organisations.Where(o => o.Id == u.OrganisationId).Select(o => (Region?)o.Region).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Email, Recipient.Of(found.TimeZone, found.Language, found.Region, localisation.Value));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} has no email address; notified in the app only")]
    private static partial void LogNoAddress(ILogger logger, Guid userId);
}
