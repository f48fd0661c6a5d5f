using System.Security.Cryptography;
using System.Text;

namespace AdPolicy.Web.Ace;

/// <summary>
/// The complainant's private tracking link: 32 random bytes, base64url. Only the SHA-256 of the token is stored, so the
/// database alone never lets anyone open a tracking page; the link is shown once, when the complaint is filed.
/// </summary>
public static class TrackingTokens
{
    public static (string Token, string Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Only strings a token could be are hashed and looked up; anything else is simply not found.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string PathFor(string token) => $"/Public/Complaints/Track/{token}";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
