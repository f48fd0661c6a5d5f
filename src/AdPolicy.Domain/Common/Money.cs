using System.Globalization;

namespace AdPolicy.Domain.Common;

/// <summary>An exact amount in one currency. Amounts are kept to the currency's minor unit (2 decimals).</summary>
public readonly record struct Money
{
    public Money(decimal amount, string currency)
    {
        if (string.IsNullOrWhiteSpace(currency) || currency.Length != 3)
        {
            throw new ArgumentException("A currency is a three-letter ISO code.", nameof(currency));
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentException("An amount has at most two decimals.", nameof(amount));
        }

        Amount = amount;
        Currency = currency.ToUpperInvariant();
    }

    public decimal Amount { get; }

    public string Currency { get; }

    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>Rounds down to the minor unit, so a computed refund never exceeds what the figures support.</summary>
    public static Money FloorOf(decimal amount, string currency) =>
        new(decimal.Floor(amount * 100m) / 100m, currency);

    public Money Add(Money other) => new(Amount + Same(other).Amount, Currency);

    public Money Subtract(Money other) => new(Amount - Same(other).Amount, Currency);

    public Money Min(Money other) => Amount <= Same(other).Amount ? this : other;

    public Money AtLeastZero() => Amount < 0 ? Zero(Currency) : this;

    public bool IsPositive => Amount > 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Amount:N2} {Currency}");

    private Money Same(Money other)
    {
        if (!string.Equals(other.Currency, Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
        }

        return other;
    }
}
