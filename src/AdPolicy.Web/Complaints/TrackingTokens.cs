using System.Security.Cryptography;
using System.Text;

namespace AdPolicy.Web.Complaints;

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

    /// <summary>
    /// The token of a complaint sent from a form with this submission key: derived from the key (SHA-256 of a label and
    /// the key), so a double submit answers with the same link although neither the token nor the key is stored. The key
    /// is random, made for one rendering of the form, and lives only in that form, like the link it leads to.
    /// </summary>
    public static (string Token, string Hash) ForSubmission(Guid submissionKey)
    {
        var token = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes($"adpolicy-tracking-token:{submissionKey:N}")));
        return (token, Hash(token));
    }

    /// <summary>What is stored of a form's submission key (<see cref="ComplaintSubmission"/>).</summary>
    public static string SubmissionHash(Guid submissionKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"adpolicy-submission:{submissionKey:N}")));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Only strings a token could be are hashed and looked up; anything else is simply not found.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string PathFor(string token) => $"/Public/Complaints/Track/{token}";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
