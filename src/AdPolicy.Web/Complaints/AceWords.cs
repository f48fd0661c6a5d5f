using AdPolicy.Domain.Ace;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Complaints;

/// <summary>
/// The ACE domain's words (a complaint's status and kind, a category, a tier, what a deadline asks) in the reader's
/// language: the domain writes them in English, which is the key of their translation in the shared resource.
/// </summary>
public static class AceWords
{
    public static string Status(ComplaintStatus status) => Said(AceComplaint.Describe(status), status);

    public static string Kind(ComplaintType type) => Said(AceComplaint.Describe(type), type);

    public static string Category(ProhibitedCategory category) => Words.Get(ProhibitedCategories.Label(category));

    public static string Tier(ViolationTier tier) => Words.Get(TierConsequences.Label(tier));

    public static string What(DeadlineKind kind) => Words.Get(Deadline.What(kind));

    public static string State(DeadlineState state) => Said(Deadline.Describe(state), state);

    /// <summary>
    /// A domain word in the reader's language. Where it is the status word in lower case ("upheld"), it is that word's
    /// translation in lower case: a resource cannot hold two keys that differ only in case.
    /// </summary>
    private static string Said<T>(string english, T value)
        where T : struct, Enum =>
        string.Equals(english, Display.English(value.ToString()), StringComparison.OrdinalIgnoreCase)
            ? Display.Words(value).ToLower(System.Globalization.CultureInfo.CurrentCulture)
            : Words.Get(english);

    /// <summary><see cref="AceComplaint.ShownToAdvertiserAs"/> in the reader's language: "Complainant 3", "Denunciante 3".</summary>
    public static string ShownToAdvertiser(AceComplaint c) =>
        ShownToAdvertiser(c.Type, c.ComplainantRole, c.ComplainantNumber, c.ComplainantName, c.ComplainantOrganisation);

    /// <summary><see cref="AceComplaint.ShownToAdvertiser"/> in the reader's language (the same words in English).</summary>
    public static string ShownToAdvertiser(ComplaintType type, ComplainantRole role, int number, string? name, string? organisation) =>
        type == ComplaintType.UserComplaint
            ? number > 0 ? Words.Format("Complainant {0}", number) : Words.Get("The complainant")
            : role == ComplainantRole.AuthorisedRepresentative && organisation is { } holder
                ? Words.Format("{0}, authorised representative of {1}", name ?? string.Empty, holder)
                : organisation is { } rightsHolder ? Words.Format("{0} (rights holder; {1})", rightsHolder, name ?? string.Empty) : Words.Format("{0} (rights holder)", name ?? string.Empty);
}
