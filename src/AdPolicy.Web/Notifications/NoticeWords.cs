using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Notifications;

/// <summary>
/// The words of notices and emails to advertisers and staff (<c>Resources/Notifications/Notices.resx</c>, Spanish in
/// <c>Notices.es.resx</c>), keyed by the English text as <see cref="Words"/> is. Read while <see cref="Notifier"/> speaks
/// the recipient's language, so a notice is written as its reader reads, not as the person who acted does.
/// </summary>
public static class NoticeWords
{
    private static readonly ResourceWords Notices = new("Notifications.Notices", Sentences.Resource);

    /// <summary>The sentence in the current language; one the notices do not hold is looked up in the system's sentences, then the shared words.</summary>
    public static string Get(string english) => Notices.Get(english);

    public static string Format(string english, params object[] values) => Notices.Format(english, values);
}

