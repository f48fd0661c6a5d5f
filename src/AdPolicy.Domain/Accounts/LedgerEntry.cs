using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Accounts;

/// <summary>An append-only line of an ad account's ledger. A refund credit is tied to its refund request, once.</summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
        Description = string.Empty;
        Currency = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid AdAccountId { get; private set; }

    public Guid? RefundRequestId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    public string Description { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Money Money => new(Amount, Currency);

    public static LedgerEntry RefundCredit(Guid adAccountId, Guid refundRequestId, Money amount, string description, DateTimeOffset now)
    {
        DomainRuleException.Check(amount.IsPositive, RuleCodes.LedgerCreditPositive, $"A refund credit must be more than zero.");
        return new LedgerEntry
        {
            Id = Guid.CreateVersion7(now),
            AdAccountId = adAccountId,
            RefundRequestId = refundRequestId,
            Amount = amount.Amount,
            Currency = amount.Currency,
            Description = description,
            At = now,
        };
    }
}
