using System.Globalization;

namespace AdPolicy.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Rule"/> is a stable code tests and logs can rely on; <see cref="Said"/> is the
/// sentence a user reads, kept as its English template and values so a page can word it in its reader's language
/// (<see cref="Exception.Message"/> is the English, for logs and the API).
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string rule, FormattableString message)
        : base(message.ToString(CultureInfo.InvariantCulture))
    {
        Rule = rule;
        Said = message;
    }

    public string Rule { get; }

    /// <summary>The sentence as a template (<see cref="FormattableString.Format"/>, the English) and its values.</summary>
    public FormattableString Said { get; }

    public static void Check(bool condition, string rule, FormattableString message)
    {
        if (!condition)
        {
            throw new DomainRuleException(rule, message);
        }
    }
}
