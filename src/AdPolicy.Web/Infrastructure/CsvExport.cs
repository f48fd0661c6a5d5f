using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// CSV downloads (the queue, the dashboard's tables). CsvHelper escapes cells a spreadsheet would run as a formula
/// (starting with =, +, -, @, a tab or a carriage return) with a leading apostrophe, so opening the file runs nothing.
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var column in header)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value ?? string.Empty);
                }

                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
