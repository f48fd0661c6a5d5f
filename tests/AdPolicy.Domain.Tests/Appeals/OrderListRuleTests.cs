using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using Xunit;

namespace AdPolicy.Domain.Tests.Appeals;

public class OrderListRuleTests
{
    private static readonly DateOnly RequestDate = new(2026, 3, 1);
    private static readonly PolicySettings Policy = PolicySettings.Defaults;

    private static OrderListFacts Facts(int orders, int tracked, DateOnly first, DateOnly last, params OrderListRowError[] errors) =>
        new(orders, orders, tracked, first, last, tracked > 0 ? first : null, tracked > 0 ? last : null, errors, errors.Length);

    [Fact]
    public void NineTrackedOrders_OverTwelveDays_FailsSayingWhatIsMissing()
    {
        var facts = Facts(9, 9, RequestDate.AddDays(-12), RequestDate.AddDays(-1));

        var result = EvidenceRules.CheckOrderList(facts, EvidenceKind.ShippingProof, RequestDate, Policy);

        Assert.False(result.Passed);
        Assert.Equal(
            Fact.Of(FactKind.TooFewOrders, EventValues.Of(EventValue.Orders, 9).With(EventValue.Noun, "order").With(EventValue.Tracked, true)
                .With(EventValue.Minimum, 10).With(EventValue.CoverageDays, 30).With(EventValue.Covered, 12)),
            Assert.Single(result.Findings));
    }

    [Fact]
    public void TenTrackedOrders_Passes()
    {
        var facts = Facts(10, 10, RequestDate.AddDays(-12), RequestDate.AddDays(-1));

        var result = EvidenceRules.CheckOrderList(facts, EvidenceKind.ShippingProof, RequestDate, Policy);

        Assert.True(result.Passed, result.ToString());
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void MinimumOrders_ComesFromThePolicy()
    {
        var facts = Facts(10, 10, RequestDate.AddDays(-12), RequestDate.AddDays(-1));

        var result = EvidenceRules.CheckOrderList(facts, EvidenceKind.ShippingProof, RequestDate, Policy with { EvidenceMinimumOrders = 11 });

        Assert.False(result.Passed);
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(45, true)]
    public void FewOrders_PassOnlyIfTheyCoverTheDaysBeforeTheRequest(int daysBack, bool passes)
    {
        var facts = Facts(3, 3, RequestDate.AddDays(-daysBack), RequestDate.AddDays(-1));

        var result = EvidenceRules.CheckOrderList(facts, EvidenceKind.ShippingProof, RequestDate, Policy);

        Assert.Equal(passes, result.Passed);
        if (!passes)
        {
            Assert.Equal("29", result.Findings[0][EventValue.Covered]);
        }
    }

    [Fact]
    public void OldList_DoesNotCoverTheRecentDays()
    {
        var facts = Facts(3, 3, RequestDate.AddDays(-90), RequestDate.AddDays(-20));

        Assert.Equal(11, EvidenceRules.CoveredDays(facts.FirstOrderDate, facts.LastOrderDate, RequestDate, 30));
        Assert.False(EvidenceRules.CheckOrderList(facts, EvidenceKind.OrdersPlaced, RequestDate, Policy).Passed);
    }

    [Fact]
    public void ShippingProof_CountsOnlyOrdersWithTracking()
    {
        var facts = new OrderListFacts(12, 12, 9, RequestDate.AddDays(-5), RequestDate.AddDays(-1), RequestDate.AddDays(-5), RequestDate.AddDays(-1), [], 0);

        var result = EvidenceRules.CheckOrderList(facts, EvidenceKind.ShippingProof, RequestDate, Policy);

        Assert.False(result.Passed);
        Assert.Equal((FactKind.TooFewOrders, "9", "true"), (result.Findings[0].Kind, result.Findings[0][EventValue.Orders], result.Findings[0][EventValue.Tracked]));
        Assert.Equal(Fact.Of(FactKind.OrdersUntracked, EventValues.Of(EventValue.Orders, 3).With(EventValue.Noun, "order")), result.Findings[1]);
    }

    [Fact]
    public void OrdersPlaced_DoesNotNeedTracking()
    {
        var facts = new OrderListFacts(12, 12, 0, RequestDate.AddDays(-5), RequestDate.AddDays(-1), null, null, [], 0);

        Assert.True(EvidenceRules.CheckOrderList(facts, EvidenceKind.OrdersPlaced, RequestDate, Policy).Passed);
        Assert.False(EvidenceRules.CheckOrderList(facts, EvidenceKind.OrdersDelivered, RequestDate, Policy).Passed);
    }

    [Fact]
    public void RefundProof_CountsCases()
    {
        var facts = Facts(4, 0, RequestDate.AddDays(-5), RequestDate.AddDays(-1));

        var result = EvidenceRules.CheckOrderList(facts, EvidenceKind.RefundOrReturnProof, RequestDate, Policy);

        Assert.Equal((FactKind.TooFewOrders, "4", "case", null, "10"), (result.Findings[0].Kind, result.Findings[0][EventValue.Orders], result.Findings[0][EventValue.Noun], result.Findings[0][EventValue.Tracked], result.Findings[0][EventValue.Minimum]));
    }

    [Fact]
    public void UnreadableRows_FailTheCheck_AndAreListedWithTheirLines()
    {
        var badDate = Fact.Of(FactKind.RowDateInvalid, EventValues.Of(EventValue.Value, "2026-13-01").With(EventValue.Line, 7));
        var facts = Facts(20, 20, RequestDate.AddDays(-40), RequestDate.AddDays(-1), new OrderListRowError(7, [badDate]));

        var result = EvidenceRules.CheckOrderList(facts, EvidenceKind.ShippingProof, RequestDate, Policy);

        Assert.False(result.Passed);
        Assert.Equal([Fact.Of(FactKind.RowsNotRead, EventValues.Of(EventValue.Rows, 1)), badDate], result.Findings);
    }

    [Fact]
    public void EmptyList_SaysSo()
    {
        var facts = new OrderListFacts(0, 0, 0, null, null, null, null, [], 0);

        var result = EvidenceRules.CheckOrderList(facts, EvidenceKind.OrdersPlaced, RequestDate, Policy);

        Assert.False(result.Passed);
        Assert.Equal(Fact.Of(FactKind.ListEmpty, EventValues.Of(EventValue.Noun, "order")), Assert.Single(result.Findings));
    }

    [Fact]
    public void UnreadableFile_FailsWithTheFileError()
    {
        var result = EvidenceRules.CheckOrderList(OrderListFacts.Unreadable(Fact.Of(FactKind.FileEmpty)), EvidenceKind.OrdersPlaced, RequestDate, Policy);

        Assert.False(result.Passed);
        Assert.Equal(Fact.Of(FactKind.FileEmpty), Assert.Single(result.Findings));
        Assert.Equal(Fact.Of(FactKind.ListNotRead), Assert.Single(result.Summary));
    }

    [Fact]
    public void AVideoItem_IsNotAnOrderList()
    {
        var facts = Facts(10, 10, RequestDate.AddDays(-40), RequestDate.AddDays(-1));

        Assert.Throws<ArgumentException>(() => EvidenceRules.CheckOrderList(facts, EvidenceKind.ProductVideo, RequestDate, Policy));
    }
}
