using AdPolicy.Web.Storage;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AdPolicy.Domain.Appeals;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Appeals;

/// <summary>The app with small evidence limits, so "over the limit" takes a few MB, not hundreds.</summary>
public sealed class SmallUploadLimitsApp(PostgresFixture postgres) : AppFactory(postgres)
{
    public const long OrderListLimit = 1024 * 1024;

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Uploads:OrderListMaxBytes", OrderListLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>Input that is not evidence is refused with a clear message next to the file, and nothing is kept.</summary>
public sealed class AppealBadEvidenceTests(SmallUploadLimitsApp app) : IClassFixture<SmallUploadLimitsApp>
{
    public static TheoryData<string, string, string> NotEvidence => new()
    {
        { "bytes of a PNG", "orders.csv", "\"orders.csv\" is not a CSV file: its content is something else." },
        { "empty", "orders.csv", "\"orders.csv\" is empty." },
        { "a path", "../../etc/orders.csv", "A file name cannot contain \"..\"." },
        { "a control character", "orders\u0007.csv", "A file name cannot contain control characters or invisible formatting marks." },
        { "broken rows", "orders.csv", "The list was not kept: 2 rows could not be read. Correct them and upload it again." },
        { "no header", "orders.csv", "The list was not kept: line 1: the header must be order_id,order_date,product,quantity,price,tracking_number" },
    };

    [Theory]
    [MemberData(nameof(NotEvidence))]
    public async Task AnUploadThatIsNotEvidence_IsRefusedWithAClearMessage_AndNothingIsKept(string what, string fileName, string message)
    {
        var penalised = await app.StrikeAsync();
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var stored = app.StoredFiles().Count;
        var content = what switch
        {
            "bytes of a PNG" => TestData.Png,
            "empty" => [],
            "broken rows" => Encoding.UTF8.GetBytes(
                "order_id,order_date,product,quantity,price,tracking_number\n" +
                "A-1,2026-10-30,Mug,1,12.50,TRK1\n" +
                "A-2,2026-10-31,Mug,1\n" +
                "A-3,31/10/2026,Mug,1,12.50,TRK3\n"),
            "no header" => Encoding.UTF8.GetBytes("A-1,2026-10-30,Mug,1,12.50,TRK1\n"),
            _ => Encoding.UTF8.GetBytes(AppealTestData.OrdersOnDays(new DateOnly(2026, 11, 2), 1, 2)),
        };

        var result = await client.UploadAsync(id, EvidenceKind.ShippingProof, new Upload("Evidence.File", fileName, content, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var shown = result.FieldError("Evidence.File");
        Assert.Contains(message, shown);
        if (what == "broken rows")
        {
            Assert.Contains("line 3: expected 6 columns, found 4", shown);
            Assert.Contains("line 4: order_date", shown);
        }

        Assert.Equal(0, await app.EvidenceRowsAsync(id));
        Assert.Equal(stored, app.StoredFiles().Count);
        Assert.Null((await app.AppealAsync(id)).Item(EvidenceKind.ShippingProof).EvidenceFileId);
    }

    [Fact]
    public async Task AFileOverItsKindsLimit_IsRefusedBeforeTheRequestIsReadToTheEnd_AndNothingIsStaged()
    {
        var penalised = await app.StrikeAsync();
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var token = (await client.GetAsync($"/Appeals/Details/{id}")).Document
            .QuerySelector("form[data-testid=upload-ShippingProof] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        const long total = 16 * SmallUploadLimitsApp.OrderListLimit;
        var body = new GeneratedCsv(total);
        var file = new StreamContent(body, 16 * 1024);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { file, "Evidence.File", "huge.csv" },
        };

        var response = await client.Http.PostAsync($"/Appeals/Evidence/{id}/ShippingProof", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("larger than the 1 MB allowed", await response.Content.ReadAsStringAsync());
        Assert.True(body.BytesRead < total / 4, $"The server read {body.BytesRead} of {total} bytes of an upload it had already refused.");
        Assert.Equal(0, await app.EvidenceRowsAsync(id));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.EvidenceRoot, "incoming")));
    }

    [Fact]
    public async Task AnUploadWithoutTheAntiforgeryTokenFirst_IsRejectedBeforeAnyFileIsRead()
    {
        var penalised = await app.StrikeAsync();
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);

        var result = await client.PostAsync($"/Appeals/Evidence/{id}/ShippingProof", [], new Upload("Evidence.File", "orders.csv", Encoding.UTF8.GetBytes("order_id\n")));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(0, await app.EvidenceRowsAsync(id));
    }

    /// <summary>A CSV body generated as it is read (never in memory), counting what the server pulled.</summary>
    private sealed class GeneratedCsv(long length) : Stream
    {
        private static readonly byte[] Row = Encoding.ASCII.GetBytes("A-1000,2026-10-30,Blue mug,1,12.50,1Z00000001\n");
        private static readonly byte[] Header = Encoding.ASCII.GetBytes("order_id,order_date,product,quantity,price,tracking_number\n");

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            for (var i = 0; i < n; i++)
            {
                var at = BytesRead + i;
                buffer[offset + i] = at < Header.Length ? Header[at] : Row[(at - Header.Length) % Row.Length];
            }

            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
