using System.Security.Cryptography;
using System.Text;

namespace AdPolicy.Web.Api;

/// <summary>
/// A key a system outside AdPolicy calls the API with. An advertiser organisation's members create keys for their own
/// organisation; admins create integration keys (no organisation) for partners and the ad-serving system. Only the
/// SHA-256 of the key is stored: the key itself is shown once, when it is created.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;

    /// <summary>Keys start with this, so a leaked one is recognisable (secret scanners, logs).</summary>
    public const string KeyStart = "adp_";

    private ApiKey()
    {
        Name = Prefix = Hash = CreatedByName = string.Empty;
        Scopes = [];
    }

    private ApiKey(Guid id, Guid? organisationId, string name, string prefix, string hash, string[] scopes, Guid createdById, string createdByName, DateTimeOffset createdAt)
    {
        Id = id;
        OrganisationId = organisationId;
        Name = name;
        Prefix = prefix;
        Hash = hash;
        Scopes = scopes;
        CreatedById = createdById;
        CreatedByName = createdByName;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The organisation whose data the key reads; null for an integration key (made by an admin).</summary>
    public Guid? OrganisationId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The key's first characters, shown in lists so its owner can tell keys apart; not enough to use it.</summary>
    public string Prefix { get; private set; }

    /// <summary>Lowercase hex SHA-256 of the whole key.</summary>
    public string Hash { get; private set; }

    public string[] Scopes { get; private set; }

    /// <summary>Who made it; an organisation key acts as this member (refunds it files are theirs).</summary>
    public Guid CreatedById { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsIntegration => OrganisationId is null;

    public bool IsActive => RevokedAt is null;

    /// <summary>A new key and the secret to show its creator once.</summary>
    public static (ApiKey Key, string Secret) Create(Guid? organisationId, string name, IEnumerable<string> scopes, Guid createdById, string createdByName, DateTimeOffset now)
    {
        var secret = KeyStart + Base64Url(RandomNumberGenerator.GetBytes(32));
        var granted = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (granted.Length == 0 || granted.Any(s => !ApiScopes.AllowedFor(organisationId is null).Contains(s)))
        {
            throw new ArgumentException("A key needs at least one scope, each allowed for its kind of key.", nameof(scopes));
        }

        var key = new ApiKey(Guid.CreateVersion7(now), organisationId, name.Trim(), secret[..PrefixLength], HashOf(secret), granted, createdById, createdByName, now);
        return (key, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a key may do. Organisation keys read and act on their own organisation only; integration keys reach every organisation for what they are for.</summary>
public static class ApiScopes
{
    public const string RefundsRead = "refunds:read";
    public const string RefundsWrite = "refunds:write";
    public const string DeliveryRead = "delivery:read";
    public const string StandingRead = "standing:read";
    public const string DeadlinesRead = "deadlines:read";
    public const string AppealsRead = "appeals:read";
    public const string AppealsWrite = "appeals:write";
    public const string ComplaintsRead = "complaints:read";
    public const string ComplaintsWrite = "complaints:write";

    /// <summary>The claim type a scope is carried in.</summary>
    public const string Claim = "scope";

    public static readonly IReadOnlyList<string> Organisation =
        [RefundsRead, RefundsWrite, DeliveryRead, StandingRead, DeadlinesRead, AppealsRead, AppealsWrite];

    /// <summary>Complaint intake for partners; standing and ad delivery state for the ad-serving system.</summary>
    public static readonly IReadOnlyList<string> Integration = [ComplaintsWrite, ComplaintsRead, StandingRead, DeliveryRead];

    public static IReadOnlyList<string> AllowedFor(bool integration) => integration ? Integration : Organisation;

    public static string Describe(string scope) => scope switch
    {
        RefundsRead => "Read refund cases and their timelines",
        RefundsWrite => "File refund requests and answer information requests",
        DeliveryRead => "Read promotions and each ad's delivery state",
        StandingRead => "Read account standing and violations",
        DeadlinesRead => "Read deadlines and their state",
        AppealsRead => "Read review requests (appeals)",
        AppealsWrite => "Upload evidence to review requests",
        ComplaintsRead => "Read the complaints this integration filed",
        ComplaintsWrite => "File complaints",
        _ => scope,
    };
}
