using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AdPolicy.Web.Tests.Infrastructure;

public sealed record Upload(string FieldName, string FileName, byte[] Content, string ContentType = "application/octet-stream");

public sealed record PageResult(HttpResponseMessage Response, IDocument Document)
{
    public HttpStatusCode Status => Response.StatusCode;

    public string? Location => Response.Headers.Location?.ToString();

    /// <summary>The validation message shown next to a field (asp-validation-for / ValidationMessage).</summary>
    public string FieldError(string field) =>
        Document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? string.Empty;

    /// <summary>The page-level (summary) errors.</summary>
    public string Summary => string.Join(" | ", Document.QuerySelectorAll(".validation-summary-errors li").Select(li => li.TextContent.Trim()));

    public string Text => Document.Body?.TextContent ?? string.Empty;

    public string TestId(string id) => Document.QuerySelector($"[data-testid='{id}']")?.TextContent.Trim() ?? string.Empty;

    /// <summary>The moment a <c>&lt;time&gt;</c> in the element with this test id names (its <c>datetime</c>), whatever zone its text is in.</summary>
    public DateTimeOffset? Moment(string id) =>
        Document.QuerySelector($"[data-testid='{id}'] time, time[data-testid='{id}']")?.GetAttribute("datetime") is { } at
            ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}

/// <summary>An HTTP client that signs in, reads pages with AngleSharp and posts forms with their antiforgery token, like a browser would.</summary>
public sealed class AppClient(HttpClient http) : IDisposable
{
    public const string Password = "Test-pass-2026!";

    public HttpClient Http => http;

    public async Task<PageResult> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        return new PageResult(response, await ParseAsync(response));
    }

    /// <summary>Follows redirects (post/redirect/get) and returns the final page.</summary>
    public async Task<PageResult> FollowAsync(PageResult result)
    {
        var current = result;
        for (var i = 0; i < 5 && current.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; i++)
        {
            current = await GetAsync(current.Location!);
        }

        return current;
    }

    public async Task SignInAsync(string email, string password = Password)
    {
        var result = await PostFormAsync("/Account/Login", "form", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (result.Status == HttpStatusCode.Redirect && result.Location?.Contains("/Account/LoginWith2fa", StringComparison.Ordinal) == true)
        {
            if (!Totp.Keys.TryGetValue(email, out var key))
            {
                throw new InvalidOperationException($"{email} signs in with a second factor, but the test does not know their authenticator key.");
            }

            result = await PostFormAsync(result.Location, "form[data-testid=code-form]", new() { ["Code"] = Totp.Code(key) });
        }

        if (result.Status != HttpStatusCode.Redirect || result.Location?.Contains("/Account/Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed ({(int)result.Status} {result.Location}): {result.Summary}");
        }
    }

    /// <summary>
    /// GETs <paramref name="pageUrl"/>, takes the form (or the submit button, whose formaction wins) matching
    /// <paramref name="selector"/>, fills it and submits it, as a browser would.
    /// </summary>
    public async Task<PageResult> PostFormAsync(string pageUrl, string selector, Dictionary<string, string> fields, params Upload[] files)
    {
        var page = await GetAsync(pageUrl);
        var element = page.Document.QuerySelector(selector);
        var form = element as IHtmlFormElement ?? (element as IHtmlButtonElement)?.Form;
        if (form is null)
        {
            throw new InvalidOperationException($"No form or button '{selector}' on {pageUrl} ({(int)page.Status}).");
        }

        var values = new List<KeyValuePair<string, string>>();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(e => e.Type is "hidden" && !string.IsNullOrEmpty(e.Name)))
        {
            if (!fields.ContainsKey(hidden.Name!))
            {
                values.Add(new(hidden.Name!, hidden.Value));
            }
        }

        values.AddRange(fields);
        var action = element?.GetAttribute("formaction") is { Length: > 0 } formAction
            ? (formAction.StartsWith('?') ? pageUrl.Split('?')[0] + formAction : formAction)
            : form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return await PostAsync(action, values, files);
    }

    /// <summary>A raw POST: values as given (no antiforgery token unless included).</summary>
    public async Task<PageResult> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> values, params Upload[] files)
    {
        HttpContent content;
        if (files.Length == 0)
        {
            content = new FormUrlEncodedContent(values);
        }
        else
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in values)
            {
                multipart.Add(new StringContent(value), key);
            }

            foreach (var file in files)
            {
                var part = new ByteArrayContent(file.Content);
                part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
                multipart.Add(part, file.FieldName, file.FileName);
            }

            content = multipart;
        }

        var response = await http.PostAsync(url, content);
        return new PageResult(response, await ParseAsync(response));
    }

    public void Dispose() => http.Dispose();

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = response.Content.Headers.ContentType?.MediaType == "text/html"
            ? await response.Content.ReadAsStringAsync()
            : string.Empty;
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(req => req.Content(html));
    }
}
