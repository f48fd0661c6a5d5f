using System.Text;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Evidence;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Tests.Infrastructure;
using Xunit;

namespace AdPolicy.Web.Tests.Evidence;

public sealed class OrderListInspectorTests : IDisposable
{
    private static readonly DateOnly RequestDate = new(2026, 3, 1);

    private readonly EvidenceFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static async Task<OrderListFacts> Inspect(string path)
    {
        await using var stream = File.OpenRead(path);
        return await OrderListInspector.InspectAsync(stream, TestContext.Current.CancellationToken);
    }

    private static EvidenceCheckResult Check(OrderListFacts facts, EvidenceKind kind = EvidenceKind.ShippingProof) =>
        EvidenceRules.CheckOrderList(facts, kind, RequestDate, PolicySettings.Defaults);

    [Fact]
    public async Task NineTrackedOrders_FailWithWhatIsMissing()
    {
        var facts = await Inspect(_files.OrderList("nine.csv", 9, RequestDate));

        Assert.Equal(9, facts.DistinctOrdersWithTracking);
        var result = Check(facts);
        Assert.False(result.Passed);
        Assert.Equal(
            "9 distinct orders with a tracking number; 10 or more are needed, or a list covering the 30 days before the request (this one covers 9 days).",
            Assert.Single(English.Of(result.Findings)));
    }

    [Fact]
    public async Task TenTrackedOrders_Pass()
    {
        var facts = await Inspect(_files.OrderList("ten.csv", 10, RequestDate));

        Assert.Equal(10, facts.Rows);
        Assert.Equal(10, facts.DistinctOrders);
        Assert.Equal(RequestDate.AddDays(-10), facts.FirstOrderDate);
        Assert.Equal(RequestDate.AddDays(-1), facts.LastOrderDate);
        Assert.True(Check(facts).Passed);
    }

    [Fact]
    public async Task TenOrdersWithoutTracking_PassForOrdersPlacedButNotForShipping()
    {
        var facts = await Inspect(_files.OrderList("placed.csv", 10, RequestDate, tracking: false));

        Assert.Equal(0, facts.DistinctOrdersWithTracking);
        Assert.True(Check(facts, EvidenceKind.OrdersPlaced).Passed);
        Assert.False(Check(facts, EvidenceKind.ShippingProof).Passed);
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public async Task FewOrders_PassOnlyWhenTheyCoverTheThirtyDaysBeforeTheRequest(int span, bool passes)
    {
        var path = _files.Write("span.csv", $"""
            order_id,order_date,product,quantity,price,tracking_number
            A-1,{RequestDate.AddDays(-span):yyyy-MM-dd},Mug,1,12.50,1Z1
            A-2,{RequestDate.AddDays(-15):yyyy-MM-dd},Mug,1,12.50,1Z2
            A-3,{RequestDate.AddDays(-1):yyyy-MM-dd},Mug,1,12.50,1Z3

            """);

        var facts = await Inspect(path);
        var result = Check(facts);

        Assert.Equal(3, facts.DistinctOrders);
        Assert.Equal(passes, result.Passed);
        if (!passes)
        {
            Assert.EndsWith("(this one covers 29 days).", English.Of(result.Findings)[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SeveralRowsOfOneOrder_CountAsOneOrder()
    {
        var path = _files.Write("lines.csv", """
            order_id,order_date,product,quantity,price,tracking_number
            A-1,2026-02-01,Mug,1,12.50,1Z1
            A-1,2026-02-01,Saucer,2,4.00,1Z1
            A-2,2026-02-02,Mug,1,12.50,

            """);

        var facts = await Inspect(path);

        Assert.Equal(3, facts.Rows);
        Assert.Equal(2, facts.DistinctOrders);
        Assert.Equal(1, facts.DistinctOrdersWithTracking);
    }

    [Fact]
    public async Task BrokenRows_AreReportedWithTheirLineNumbers()
    {
        var path = _files.Write("broken.csv", string.Join('\n',
            "order_id,order_date,product,quantity,price,tracking_number", // 1
            "A-1,2026-02-01,Mug,1,12.50,1Z1",                              // 2
            "A-2,2026-02-02,Mug,1,12.50",                                  // 3: a column missing
            "",                                                            // 4: blank, ignored
            ",2026-02-03,Mug,1,12.50,1Z3",                                 // 5: no order id
            "A-4,2026-02-04,\"Mug, with a",                                // 6: quoted product over two lines
            "handle\",1,12.50,1Z4",                                        // 7
            "A-5,2026-13-01,Mug,1,12.50,1Z5",                              // 8: month 13
            "A-6,01/02/2026,Mug,two,12,50,1Z6",                            // 9: wrong date, quantity and a comma in the price
            "A-7,2026-02-07,Mug,0,abc,1Z7",                                // 10
            "A-8,2026-02-08,,1,12.50,1Z8",                                 // 11
            ""));

        var facts = await Inspect(path);

        Assert.Equal(8, facts.Rows);
        Assert.Equal(2, facts.DistinctOrders);
        Assert.Equal(6, facts.RowErrorCount);
        Assert.Equal(
            [
                "line 3: expected 6 columns, found 5",
                "line 5: order_id is empty",
                "line 8: order_date '2026-13-01' is not a date yyyy-MM-dd",
                "line 9: expected 6 columns, found 7",
                "line 10: quantity '0' is not a whole number of 1 or more; price 'abc' is not an amount like 12.50",
                "line 11: product is empty",
            ],
            facts.RowErrors.Select(Sentences.Of));
        var result = Check(facts);
        Assert.False(result.Passed);
        Assert.Contains("line 8: order_date '2026-13-01' is not a date yyyy-MM-dd", English.Of(result.Findings));
    }

    [Fact]
    public async Task WrongDateAndQuantity_AreBothNamed()
    {
        var path = _files.Write("dates.csv", "order_id,order_date,product,quantity,price,tracking_number\nA-6,01/02/2026,Mug,two,12.50,1Z6\n");

        var facts = await Inspect(path);

        Assert.Equal("line 2: order_date '01/02/2026' is not a date yyyy-MM-dd; quantity 'two' is not a whole number of 1 or more", Sentences.Of(Assert.Single(facts.RowErrors)));
    }

    [Fact]
    public async Task EmptyFile_IsRefused()
    {
        var facts = await Inspect(_files.Write("empty.csv", string.Empty));

        Assert.Equal("The file is empty: it needs the header line and one row per order.", English.Of(facts.FileError));
        Assert.False(Check(facts).Passed);
    }

    [Fact]
    public async Task HeaderOnly_HasNoOrders()
    {
        var facts = await Inspect(_files.Write("header.csv", OrderListInspector.Header + "\n"));

        Assert.Null(facts.FileError);
        Assert.Equal(0, facts.Rows);
        Assert.Equal("The list has no orders: add one row per order under the header.", Assert.Single(English.Of(Check(facts, EvidenceKind.OrdersPlaced).Findings)));
    }

    [Fact]
    public async Task WrongHeader_IsRefusedNamingTheExpectedOne()
    {
        var facts = await Inspect(_files.Write("wrong.csv", "id,date,item\n1,2026-02-01,Mug\n"));

        Assert.Equal(
            "line 1: the header must be order_id,order_date,product,quantity,price,tracking_number (found 'id,date,item').",
            English.Of(facts.FileError));
    }

    [Fact]
    public async Task ByteOrderMark_AndHeaderCase_AreAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Order_ID,Order_Date,Product,Quantity,Price,Tracking_Number\r\nA-1,2026-02-01,Mug,1,12.50,1Z1\r\n")).ToArray();

        var facts = await Inspect(_files.Write("excel.csv", bytes));

        Assert.Null(facts.FileError);
        Assert.Equal(1, facts.DistinctOrdersWithTracking);
    }

    [Fact]
    public async Task NonUtf8File_IsRefused()
    {
        var bytes = Encoding.Latin1.GetBytes("order_id,order_date,product,quantity,price,tracking_number\nA-1,2026-02-01,Caf\u00e9 mug,1,12.50,1Z1\n");

        var facts = await Inspect(_files.Write("latin1.csv", bytes));

        Assert.StartsWith("The file is not UTF-8 text", English.Of(facts.FileError), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeList_IsStreamedAndCounted()
    {
        var path = _files.Path("large.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync(OrderListInspector.Header);
            for (var i = 0; i < 100_000; i++)
            {
                await writer.WriteLineAsync($"A-{i},2026-02-{1 + (i % 28):D2},Mug,1,12.50,1Z{i}");
            }
        }

        var facts = await Inspect(path);

        Assert.Equal(100_000, facts.DistinctOrdersWithTracking);
        Assert.Equal(new DateOnly(2026, 2, 1), facts.FirstOrderDate);
        Assert.Equal(new DateOnly(2026, 2, 28), facts.LastOrderDate);
    }

    [Fact]
    public async Task ManyBrokenRows_AreCountedButOnlyTheFirstKept()
    {
        var csv = new StringBuilder(OrderListInspector.Header + "\n");
        for (var i = 0; i < 80; i++)
        {
            csv.Append("A-1,not-a-date,Mug,1,1.00,\n");
        }

        var facts = await Inspect(_files.Write("many.csv", csv.ToString()));

        Assert.Equal(80, facts.RowErrorCount);
        Assert.Equal(OrderListInspector.RowErrorsKept, facts.RowErrors.Count);
        Assert.Equal(2, facts.RowErrors[0].Line);
        Assert.Equal(51, facts.RowErrors[^1].Line);
        var findings = English.Of(Check(facts).Findings);
        Assert.Contains("… and 60 more rows with errors.", findings);
    }

    [Theory]
    [InlineData(EvidenceKind.ShippingProof)]
    [InlineData(EvidenceKind.OrdersPlaced)]
    [InlineData(EvidenceKind.OrdersDelivered)]
    [InlineData(EvidenceKind.RefundOrReturnProof)]
    [InlineData(EvidenceKind.BusinessLegitimacyProof)]
    public async Task Template_IsAListTheInspectorReads(EvidenceKind kind)
    {
        var template = OrderListInspector.Template(kind);

        var facts = await Inspect(_files.Write(OrderListInspector.TemplateFileName(kind), template));

        Assert.StartsWith(OrderListInspector.Header + "\n", template, StringComparison.Ordinal);
        Assert.Null(facts.FileError);
        Assert.Equal(0, facts.RowErrorCount);
        Assert.Equal(1, facts.DistinctOrders);
        if (RequirementMatrix.Requirement(kind, PolicySettings.Defaults).RequiresTracking)
        {
            Assert.Equal(1, facts.DistinctOrdersWithTracking);
        }
    }

    [Fact]
    public void Template_ForAVideoItem_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => OrderListInspector.Template(EvidenceKind.ProductVideo));
    }
}
