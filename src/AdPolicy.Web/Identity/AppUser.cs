using Microsoft.AspNetCore.Identity;

namespace AdPolicy.Web.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Set for advertisers: the organisation whose data they may see.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>When an admin disabled the account: it cannot sign in, has no sessions, receives nothing and is given no cases.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The IANA zone the person reads times in; null: their organisation's region's (advertisers) or the staff zone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>"en" or "es"; null: what the browser asks for (pages) or the default language (emails).</summary>
    public string? Language { get; set; }
}

public static class Roles
{
    public const string Advertiser = "Advertiser";
    public const string Support = "Support";
    public const string Reviewer = "Reviewer";
    public const string Admin = "Admin";

    public static readonly string[] All = [Advertiser, Support, Reviewer, Admin];
}

public static class Policies
{
    /// <summary>Anyone signed in: pages every role uses (notifications, start page, sign-out).</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>A signed-in member of an advertiser organisation.</summary>
    public const string Advertiser = "Advertiser";

    /// <summary>Support, reviewers and admins: the queue and case pages.</summary>
    public const string Staff = "Staff";

    /// <summary>Refund decisions, complaint triage: support agents and admins.</summary>
    public const string Support = "Support";

    /// <summary>Evidence checks and appeals: reviewers and admins.</summary>
    public const string Reviewer = "Reviewer";

    public const string Admin = "Admin";
}

public static class AppClaims
{
    public const string Organisation = "adpolicy:org";
    public const string DisplayName = "adpolicy:name";

    /// <summary>"true" when the person signs in with an authenticator app (admins must).</summary>
    public const string TwoFactor = "adpolicy:2fa";

    /// <summary>The server-side session this sign-in lives in (<see cref="SessionTicketStore"/>).</summary>
    public const string Session = "adpolicy:sid";

    /// <summary>The IANA time zone the person reads times in (their choice or their default).</summary>
    public const string TimeZone = "adpolicy:tz";

    /// <summary>The language the person chose, when they chose one.</summary>
    public const string Language = "adpolicy:lang";
}
