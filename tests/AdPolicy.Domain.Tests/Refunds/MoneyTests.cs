using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Tests.Refunds;

public class MoneyTests
{
    [Theory]
    [InlineData("0.001")]
    [InlineData("10.005")]
    [InlineData("-1.999")]
    public void New_WithMoreThanTwoDecimals_Throws(string amount)
    {
        var error = Assert.Throws<ArgumentException>(() => new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "EUR"));

        Assert.Equal("amount", error.ParamName);
    }

    [Fact]
    public void New_WithTrailingZeros_KeepsTheValue()
    {
        var money = new Money(12.500m, "eur");

        Assert.Equal(12.5m, money.Amount);
        Assert.Equal("EUR", money.Currency);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EURO")]
    [InlineData("E")]
    public void New_WithoutAThreeLetterCurrency_Throws(string currency)
    {
        var error = Assert.Throws<ArgumentException>(() => new Money(1m, currency));

        Assert.Equal("currency", error.ParamName);
    }

    [Fact]
    public void Add_InAnotherCurrency_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Money(1m, "EUR").Add(new Money(1m, "USD")));

        Assert.Equal("Cannot combine EUR with USD.", error.Message);
    }

    [Fact]
    public void Subtract_InAnotherCurrency_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(5m, "EUR").Subtract(new Money(1m, "GBP")));
    }

    [Fact]
    public void Min_InAnotherCurrency_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(5m, "EUR").Min(new Money(1m, "GBP")));
    }

    [Fact]
    public void AddAndSubtract_AreExact()
    {
        var total = new Money(0.10m, "EUR").Add(new Money(0.20m, "EUR"));

        Assert.Equal(new Money(0.30m, "EUR"), total);
        Assert.Equal(new Money(-0.70m, "EUR"), total.Subtract(new Money(1m, "EUR")));
    }

    [Theory]
    [InlineData("10.019", "10.01")]
    [InlineData("10.999999", "10.99")]
    [InlineData("666.666666666666666666666666", "666.66")]
    [InlineData("100", "100.00")]
    [InlineData("0.009", "0.00")]
    public void FloorOf_RoundsDownToTheCent(string raw, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;

        var money = Money.FloorOf(decimal.Parse(raw, inv), "EUR");

        Assert.Equal(decimal.Parse(expected, inv), money.Amount);
    }

    [Fact]
    public void AtLeastZero_OfANegativeAmount_IsZero()
    {
        Assert.Equal(Money.Zero("EUR"), new Money(-3m, "EUR").AtLeastZero());
        Assert.Equal(new Money(3m, "EUR"), new Money(3m, "EUR").AtLeastZero());
    }

    [Fact]
    public void ToString_ShowsTwoDecimalsAndTheCurrency()
    {
        Assert.Equal("1,234.50 EUR", new Money(1234.5m, "EUR").ToString());
    }
}
