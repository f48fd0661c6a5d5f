namespace AdPolicy.Web.Notifications;

/// <summary>One line in a person's notification centre.</summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 4000;
    public const int LinkMaxLength = 500;

    private Notification()
    {
        Title = string.Empty;
        Body = string.Empty;
    }

    public Notification(Guid id, Guid userId, string title, string body, string? link, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (link is not null && !IsLocalPath(link))
        {
            throw new ArgumentException("A notification links only to a page of this site (a path starting with one '/').", nameof(link));
        }

        Id = id;
        UserId = userId;
        Title = Clip(title, TitleMaxLength);
        Body = Clip(body, BodyMaxLength);
        Link = link;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    /// <summary>A path of this site (e.g. <c>/Refunds/Details/…</c>), never an absolute URL: no open redirect through a notice.</summary>
    public string? Link { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    /// <summary>Marks the notification read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    public static bool IsLocalPath(string link) =>
        link.Length is > 0 and <= LinkMaxLength
        && link[0] == '/'
        && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
        && !link.Any(char.IsControl);

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
