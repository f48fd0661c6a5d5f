using System.Text;
using AdPolicy.Domain.Evidence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AdPolicy.Web.Storage;

/// <summary>What a file field of a streamed form may hold.</summary>
public sealed record FileRule(IReadOnlySet<FileKind> Allowed, long MaxBytes);

/// <summary>
/// A multipart form read as it arrived: its text fields, the files staged in the evidence store (not yet kept), and
/// the refusals by field. Disposing throws away every staged file that was not committed.
/// </summary>
public sealed class StreamedForm : IAsyncDisposable
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (StagedBlob Blob, AcceptedFile File)> Files { get; } = new(StringComparer.Ordinal);

    public List<(string Field, string Message)> Errors { get; } = [];

    /// <summary>The antiforgery token was missing or wrong: nothing was read past it.</summary>
    public bool Forged { get; set; }

    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;

    public (StagedBlob Blob, AcceptedFile File)? File(string name) => Files.TryGetValue(name, out var file) ? file : null;

    /// <summary>Puts the typed values (so the form shows them again) and the refusals into <paramref name="modelState"/>.</summary>
    public void CopyTo(ModelStateDictionary modelState)
    {
        CopyValuesTo(modelState);
        foreach (var (field, message) in Errors)
        {
            modelState.AddModelError(field, message);
        }
    }

    /// <summary>Puts only the typed values into <paramref name="modelState"/>, so the form shows them again.</summary>
    public void CopyValuesTo(ModelStateDictionary modelState)
    {
        foreach (var (name, value) in Fields)
        {
            modelState.SetModelValue(name, value, value);
            modelState.MarkFieldValid(name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (blob, _) in Files.Values)
        {
            await blob.DisposeAsync();
        }
    }
}

/// <summary>
/// Reads an upload form section by section straight from the request body, so a video of hundreds of MB is never held
/// in memory and a file over its field's limit is refused as soon as the limit is passed, without reading the rest of
/// the request. The antiforgery token must come first (forms put it first; file inputs go last): it is checked before any
/// file is read. Pages using this carry <see cref="StreamedUploadAttribute"/> so nothing else reads the body first.
/// </summary>
public sealed class StreamedUploadReader(EvidenceIntake intake, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions)
{
    public const int MaxFieldLength = 16 * 1024;

    public const int MaxSections = 20;

    /// <summary>Room for the text fields and multipart framing above the files' own limits.</summary>
    public const long FormOverheadBytes = 1024 * 1024;

    /// <param name="http">The request.</param>
    /// <param name="ruleFor">The rule for a file field given the fields read so far; null when the field takes no file.</param>
    /// <param name="maxRequestBytes">The request's size limit for this endpoint (set on the server before the body is read).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <param name="checkAntiforgery">
    /// False for the API: its callers authenticate with a key in a header, which a browser never sends by itself, so
    /// there is no cross-site form to guard against.
    /// </param>
    public async Task<StreamedForm> ReadAsync(
        HttpContext http,
        Func<string, IReadOnlyDictionary<string, string>, FileRule?> ruleFor,
        long maxRequestBytes,
        CancellationToken cancellationToken,
        bool checkAntiforgery = true)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = maxRequestBytes;
        }

        var form = new StreamedForm();
        var boundary = Boundary(http.Request.ContentType);
        if (boundary is null)
        {
            form.Errors.Add((string.Empty, "Send the form as a file upload (multipart/form-data)."));
            return form;
        }

        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
        var tokenChecked = !checkAntiforgery;
        try
        {
            for (var count = 0; count < MaxSections && await reader.ReadNextSectionAsync(cancellationToken) is { } section; count++)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (!disposition.IsFileDisposition())
                {
                    var value = await ReadFieldAsync(section.Body, cancellationToken);
                    if (checkAntiforgery && name == antiforgeryOptions.Value.FormFieldName && !tokenChecked)
                    {
                        http.Request.Headers[antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken"] = value;
                        tokenChecked = true;
                        if (!await antiforgery.IsRequestValidAsync(http))
                        {
                            form.Forged = true;
                            return form;
                        }
                    }
                    else if (value is not null)
                    {
                        form.Fields[name] = value;
                    }
                    else
                    {
                        form.Errors.Add((name, $"The value of {name} is too long."));
                    }

                    continue;
                }

                if (!tokenChecked)
                {
                    form.Forged = true;
                    return form;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                if (string.IsNullOrEmpty(fileName))
                {
                    // An empty file input: the browser sends the part with no name and no bytes.
                    continue;
                }

                if (ruleFor(name, form.Fields) is not { } rule || form.Files.ContainsKey(name))
                {
                    form.Errors.Add((name, "This form does not take that file."));
                    return form;
                }

                var (blob, accepted, error) = await intake.StageAsync(fileName, section.Body, rule.Allowed, rule.MaxBytes, cancellationToken);
                if (error is not null)
                {
                    // Stop here: the rest of the request (maybe hundreds of MB) is not read.
                    form.Errors.Add((name, error));
                    return form;
                }

                form.Files[name] = (blob!, accepted!);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            form.Errors.Add((string.Empty, "The upload could not be read to the end; try again."));
            return form;
        }

        form.Forged |= !tokenChecked;
        return form;
    }

    private static string? Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !string.Equals(media.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200 ? null : boundary;
    }

    /// <summary>A text field's value, or null when it is longer than <see cref="MaxFieldLength"/>.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[MaxFieldLength + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total > MaxFieldLength ? null : new string(buffer, 0, total);
    }
}

/// <summary>
/// Marks a page that reads its own upload with <see cref="StreamedUploadReader"/>: MVC must not read (and buffer) the
/// form for model binding, and the antiforgery token is checked by the reader before any file is read.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StreamedUploadAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<Microsoft.AspNetCore.Mvc.ModelBinding.FormValueProviderFactory>();
        factories.RemoveType<Microsoft.AspNetCore.Mvc.ModelBinding.FormFileValueProviderFactory>();
        factories.RemoveType<Microsoft.AspNetCore.Mvc.ModelBinding.JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
