using System.Globalization;
using System.Text;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using CsvHelper;
using CsvHelper.Configuration;

namespace AdPolicy.Web.Evidence;

/// <summary>
/// Reads an order list (orders placed, shipped, delivered, refunded or returned) and measures it.
/// <para>
/// Layout: UTF-8 CSV, comma-separated, RFC 4180 quoting, a header line
/// <c>order_id,order_date,product,quantity,price,tracking_number</c> then one row per order (an order may span several
/// rows, one per product). <c>order_id</c> and <c>product</c> are required; <c>order_date</c> is <c>yyyy-MM-dd</c>;
/// <c>quantity</c>, when given, is a whole number of 1 or more; <c>price</c>, when given, is a non-negative amount with
/// a dot for decimals and no thousands separator; <c>tracking_number</c> may be empty (it is needed for shipping,
/// delivery and logistics lists, where only tracked orders count). Blank lines are ignored.
/// </para>
/// The file is streamed: only the distinct order ids are kept in memory.
/// </summary>
public static class OrderListInspector
{
    public static readonly IReadOnlyList<string> Columns = ["order_id", "order_date", "product", "quantity", "price", "tracking_number"];

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>How many unreadable rows are kept with their messages; the rest are only counted.</summary>
    public const int RowErrorsKept = 50;

    public const int MaxFieldLength = 500;

    private const int MaxEchoLength = 40;

    public static string Header => string.Join(',', Columns);

    /// <summary>Measures the list. Never throws for bad content: a file that cannot be read gives facts with a <see cref="OrderListFacts.FileError"/>.</summary>
    public static async Task<OrderListFacts> InspectAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var reader = new StreamReader(csv, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var badData = false;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
            MaxFieldSize = MaxFieldLength,
            BadDataFound = _ => badData = true,
            MissingFieldFound = null,
        };
        using var parser = new CsvParser(reader, config);
        var tally = new Tally();
        try
        {
            if (!await parser.ReadAsync())
            {
                return OrderListFacts.Unreadable(Fact.Of(FactKind.FileEmpty));
            }

            var header = parser.Record!.Select(h => h.TrimStart('\uFEFF').Trim().ToLowerInvariant()).ToArray();
            if (!header.SequenceEqual(Columns))
            {
                return OrderListFacts.Unreadable(Fact.Of(FactKind.ListHeaderWrong, EventValues.Of(EventValue.Line, parser.RawRow)
                    .With(EventValue.Expected, Header).With(EventValue.Value, Echo(string.Join(',', parser.Record!)))));
            }

            var lastRawRow = parser.RawRow;
            while (await parser.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = FirstLineOf(parser, lastRawRow);
                lastRawRow = parser.RawRow;
                tally.Row(line, parser.Record!, badData);
                badData = false;
            }
        }
        catch (DecoderFallbackException)
        {
            // The reader decodes ahead of the parser, so the line is not known here.
            return OrderListFacts.Unreadable(Fact.Of(FactKind.FileNotUtf8));
        }
        catch (MaxFieldSizeException)
        {
            return OrderListFacts.Unreadable(Fact.Of(FactKind.ListValueTooLong, EventValues.Of(EventValue.Line, parser.RawRow).With(EventValue.Expected, MaxFieldLength)));
        }
        catch (CsvHelperException)
        {
            return OrderListFacts.Unreadable(Fact.Of(FactKind.ListNotCsv, EventValues.Of(EventValue.Line, parser.RawRow)));
        }

        return tally.Facts();
    }

    /// <summary>A downloadable template for an order-list evidence item: the header and one example row.</summary>
    public static string Template(EvidenceKind kind)
    {
        var example = kind switch
        {
            EvidenceKind.ShippingProof => "A-1001,2026-02-14,Blue ceramic mug,2,12.50,1Z999AA10123456784",
            EvidenceKind.OrdersPlaced => "A-1001,2026-02-14,Blue ceramic mug,2,12.50,",
            EvidenceKind.OrdersDelivered => "A-1001,2026-02-14,Blue ceramic mug,2,12.50,1Z999AA10123456784",
            EvidenceKind.RefundOrReturnProof => "A-1001,2026-02-14,Blue ceramic mug (returned),1,12.50,RT000123456",
            EvidenceKind.BusinessLegitimacyProof => "A-1001,2026-02-14,Customer database export licence,1,99.00,1Z999AA10123456784",
            _ => throw new ArgumentException($"{RequirementMatrix.Title(kind)} is not an order list.", nameof(kind)),
        };
        return $"{Header}\n{example}\n";
    }

    public static string TemplateFileName(EvidenceKind kind) =>
        $"{RequirementMatrix.Title(kind).ToLowerInvariant().Replace(' ', '-')}-template.csv";

    // CsvHelper's RawRow is the last physical line of the record; a record starts after the previous one's last line
    // and any blank lines, which the parser skips without returning.
    private static long FirstLineOf(CsvParser parser, long previousRawRow)
    {
        var newlinesInside = parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');
        return Math.Max(previousRawRow + 1, parser.RawRow - newlinesInside);
    }

    private static string Echo(string value)
    {
        var clean = new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]);
        return clean.Length <= MaxEchoLength ? clean : string.Concat(clean.AsSpan(0, MaxEchoLength), "…");
    }

    private sealed class Tally
    {
        private readonly HashSet<string> _orders = new(StringComparer.Ordinal);
        private readonly HashSet<string> _tracked = new(StringComparer.Ordinal);
        private readonly List<OrderListRowError> _errors = [];
        private int _rows;
        private int _errorCount;
        private DateOnly? _first;
        private DateOnly? _last;
        private DateOnly? _firstTracked;
        private DateOnly? _lastTracked;

        public void Row(long line, string[] fields, bool badQuotes)
        {
            _rows++;
            var problems = new List<Fact>();
            Fact Problem(FactKind kind, EventValues? values = null) =>
                Fact.Of(kind, (values ?? new EventValues()).With(EventValue.Line, line));
            if (badQuotes)
            {
                problems.Add(Problem(FactKind.RowQuoteMisplaced));
            }

            if (fields.Length != Columns.Count)
            {
                problems.Add(Problem(FactKind.RowColumnCount, EventValues.Of(EventValue.Expected, Columns.Count).With(EventValue.Found, fields.Length)));
                Fail(line, problems);
                return;
            }

            var (orderId, dateText, product, quantity, price, tracking) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
            if (orderId.Length == 0)
            {
                problems.Add(Problem(FactKind.RowFieldEmpty, EventValues.Of(EventValue.Field, Columns[0])));
            }

            DateOnly date = default;
            if (dateText.Length == 0)
            {
                problems.Add(Problem(FactKind.RowFieldEmpty, EventValues.Of(EventValue.Field, Columns[1])));
            }
            else if (!DateOnly.TryParseExact(dateText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                problems.Add(Problem(FactKind.RowDateInvalid, EventValues.Of(EventValue.Value, Echo(dateText))));
            }

            if (product.Length == 0)
            {
                problems.Add(Problem(FactKind.RowFieldEmpty, EventValues.Of(EventValue.Field, Columns[2])));
            }

            if (quantity.Length > 0 && !(int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q >= 1))
            {
                problems.Add(Problem(FactKind.RowQuantityInvalid, EventValues.Of(EventValue.Value, Echo(quantity))));
            }

            if (price.Length > 0 && !decimal.TryParse(price, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                problems.Add(Problem(FactKind.RowPriceInvalid, EventValues.Of(EventValue.Value, Echo(price))));
            }

            if (problems.Count > 0)
            {
                Fail(line, problems);
                return;
            }

            _orders.Add(orderId);
            Widen(ref _first, ref _last, date);
            if (tracking.Length > 0)
            {
                _tracked.Add(orderId);
                Widen(ref _firstTracked, ref _lastTracked, date);
            }
        }

        public OrderListFacts Facts() =>
            new(_rows, _orders.Count, _tracked.Count, _first, _last, _firstTracked, _lastTracked, _errors, _errorCount);

        private static void Widen(ref DateOnly? first, ref DateOnly? last, DateOnly date)
        {
            if (first is null || date < first)
            {
                first = date;
            }

            if (last is null || date > last)
            {
                last = date;
            }
        }

        private void Fail(long line, List<Fact> problems)
        {
            _errorCount++;
            if (_errors.Count < RowErrorsKept)
            {
                _errors.Add(new OrderListRowError(line, problems));
            }
        }
    }
}
