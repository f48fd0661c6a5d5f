using System.Globalization;
using System.Resources;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Notifications;

/// <summary>
/// The words of notices and emails to advertisers and staff (<c>Resources/Notifications/Notices.resx</c>, Spanish in
/// <c>Notices.es.resx</c>), keyed by the English text as <see cref="Words"/> is. Read while <see cref="Notifier"/> speaks
/// the recipient's language, so a notice is written as its reader reads, not as the person who acted does.
/// </summary>
public static class NoticeWords
{
    private static readonly ResourceManager Notices = new("AdPolicy.Web.Resources.Notifications.Notices", typeof(NoticeWords).Assembly);

    /// <summary>The sentence in the current language; a word the notices do not hold is looked up in the shared words.</summary>
    public static string Get(string english) =>
        Notices.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } said ? said : Words.Get(english);

    public static string Format(string english, params object[] values) =>
        string.Format(CultureInfo.CurrentCulture, Get(english), values);
}

/// <summary>
/// A sentence kept as its English pattern and its values, so it can be stored in English and told to each reader in
/// theirs: "AdPolicy removed {0}." with the ad ids.
/// </summary>
public sealed class NoticeSentence(string english, params object[] values)
{
    public string English { get; } = english;

    public string InEnglish() => string.Format(CultureInfo.InvariantCulture, English, values);

    /// <summary>In the current language.</summary>
    public string Say() => NoticeWords.Format(English, values);

    /// <summary>Several sentences as one text, in the current language.</summary>
    public static string Say(IEnumerable<NoticeSentence> sentences) => string.Join(" ", sentences.Select(s => s.Say()));
}
