using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Methods a page does not take are refused before the page runs: PUT, PATCH, DELETE and the like are 405, a POST to
/// a page without a post handler is 405, and a POST naming a handler the page lacks is 404. (Without this, Razor Pages
/// runs such a request through no handler at all and the page renders with nothing loaded.)
/// </summary>
public sealed class PageMethodGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not { } page
            || HttpMethods.IsGet(context.Request.Method)
            || HttpMethods.IsHead(context.Request.Method))
        {
            return next(context);
        }

        var posts = page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase)).ToList();
        if (!HttpMethods.IsPost(context.Request.Method) || posts.Count == 0)
        {
            return Refuse(context, StatusCodes.Status405MethodNotAllowed, posts.Count == 0 ? "GET, HEAD" : "GET, HEAD, POST");
        }

        var handler = context.Request.Query["handler"].FirstOrDefault() ?? context.GetRouteValue("handler") as string;
        if (string.IsNullOrEmpty(handler))
        {
            return posts.Any(h => h.Name is null) ? next(context) : Refuse(context, StatusCodes.Status405MethodNotAllowed, "GET, HEAD");
        }

        return posts.Any(h => string.Equals(h.Name, handler, StringComparison.OrdinalIgnoreCase))
            ? next(context)
            : Refuse(context, StatusCodes.Status404NotFound, null);
    }

    private static Task Refuse(HttpContext context, int status, string? allow)
    {
        context.Response.StatusCode = status;
        if (allow is not null)
        {
            context.Response.Headers.Allow = allow;
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Query values that do not bind (a date that is not a date, an unknown filter value, a cursor out of range) make a GET
/// a bad request: 400 with the friendly page, never a page built on half-read input. A GET naming a handler the page
/// lacks is 404.
/// </summary>
public sealed class RequestGuardFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            if (context.HandlerMethod is null && (request.Query.ContainsKey("handler") || context.RouteData.Values.ContainsKey("handler")))
            {
                context.Result = new NotFoundResult();
                return;
            }

            if (!context.ModelState.IsValid)
            {
                context.Result = new BadRequestResult();
                return;
            }
        }

        await next();
    }
}

/// <summary>
/// Reads a posted form before the antiforgery check does: that check answers 400 for a body it cannot read, so a body
/// over the page's limits (the request size, or the form's multipart limit) would look like an expired form. Here it
/// answers 413 and the status page says the upload is too large and how much the form takes. Runs after the size-limit
/// filters (order 900) and before antiforgery (1000); pages that stream their own uploads are left alone.
/// </summary>
public sealed class FormLimitFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    public const string LimitItem = "AdPolicy.FormLimitBytes";

    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.HasFormContentType
            || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.ActionDescriptor.EndpointMetadata.OfType<Storage.StreamedUploadAttribute>().Any())
        {
            return;
        }

        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (IsOverLimit(e))
        {
            http.Items[LimitItem] = context.ActionDescriptor.EndpointMetadata.OfType<RequestFormLimitsAttribute>().LastOrDefault()?.MultipartBodyLengthLimit;
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A broken body (cut off, bad multipart framing): what antiforgery would have answered, without the exception.
            context.Result = new BadRequestResult();
        }
    }

    private static bool IsOverLimit(Exception e) =>
        e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (e is InvalidDataException && e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Dates in a query or form bind as the instant they name, in UTC (what PostgreSQL stores): with an offset as given;
/// without one (a person typing into a date-time field) on the reader's own clock, their profile's time zone.
/// </summary>
public sealed class UtcDateTimeOffsetBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(DateTimeOffset) ? new Binder() : null;

    private sealed class Binder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (value == ValueProviderResult.None || string.IsNullOrWhiteSpace(value.FirstValue))
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
            var text = value.FirstValue;
            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var typed) && typed.Kind == DateTimeKind.Unspecified)
            {
                // What a person typed (a datetime-local field): a time on their own clock, in their profile's zone.
                var reader = bindingContext.HttpContext.RequestServices.GetRequiredService<Localisation.Reader>();
                bindingContext.Result = ModelBindingResult.Success(reader.FromLocal(typed));
            }
            else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                bindingContext.Result = ModelBindingResult.Success(parsed.ToUniversalTime());
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "That is not a date and time.");
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// A keyset paging cursor "<c>utcTicks_id</c>" (what the list pages put in their "next" links), parsed in one place:
/// the ticks must be a real instant, the id a number or a Guid.
/// </summary>
public static class Cursor
{
    public static string Format<TId>(DateTimeOffset at, TId id) where TId : IFormattable =>
        $"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{id.ToString(null, CultureInfo.InvariantCulture)}";

    public static bool TryParse<TId>(string? text, out DateTimeOffset at, out TId id) where TId : IParsable<TId>
    {
        at = default;
        id = default!;
        return text?.Split('_') is [var ticks, var rest]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            && t <= DateTimeOffset.MaxValue.UtcTicks
            && TId.TryParse(rest, CultureInfo.InvariantCulture, out id!)
            && (at = new DateTimeOffset(t, TimeSpan.Zero)) is var _;
    }
}

/// <summary>Marks a bound cursor property: a value that is not a cursor is a binding error (so a GET answers 400).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CursorAttribute<TId> : ValidationAttribute where TId : IParsable<TId>
{
    public CursorAttribute() : base("That is not a page of this list.")
    {
    }

    public override bool IsValid(object? value) =>
        value is null || (value is string text && Cursor.TryParse<TId>(text, out _, out _));
}
