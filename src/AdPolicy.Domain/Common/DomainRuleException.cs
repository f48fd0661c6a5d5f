namespace AdPolicy.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Rule"/> is a stable code tests and logs can rely on;
/// the message is a sentence a user can read.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string rule, string message)
        : base(message) => Rule = rule;

    public string Rule { get; }

    public static void Check(bool condition, string rule, string message)
    {
        if (!condition)
        {
            throw new DomainRuleException(rule, message);
        }
    }
}
