using AdPolicy.Domain.Common;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdPolicy.Web.Api;

/// <summary>The API's answers for what goes wrong, as problem details with sentences a developer can act on.</summary>
public static class ApiResults
{
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} with this id is visible to this API key.");

    /// <summary>A broken domain rule: 422 with the rule's code, the same sentence the pages show.</summary>
    public static IResult Rule(DomainRuleException rule) =>
        Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "A rule of the policy refuses this",
            detail: Sentences.InEnglish(rule.Said),
            extensions: new Dictionary<string, object?> { ["rule"] = rule.Rule });

    /// <summary>Refusals collected the way the pages collect them (by field), as a validation problem with API field names.</summary>
    public static IResult Invalid(ModelStateDictionary modelState)
    {
        var errors = modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .GroupBy(e => FieldName(e.Key))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage)).ToArray());
        return Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The request was refused");
    }

    /// <summary>
    /// "Input.CampaignOrAdId" → "campaignOrAdId" (the JSON property); a multipart field such as "Evidence.File" keeps the
    /// name the client sent; the request-level error stays "".
    /// </summary>
    public static string FieldName(string key)
    {
        var name = key.StartsWith("Input.", StringComparison.Ordinal) ? key[6..] : key;
        return name.Length == 0 || name.Contains('.', StringComparison.Ordinal) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static IResult PreconditionRequired() =>
        Results.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "If-Match is required",
            detail: "Send the ETag you last read as If-Match, so a change made meanwhile is not overwritten.");

    public static IResult PreconditionFailed() =>
        Results.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The resource changed",
            detail: "Someone changed this since you read it. Read it again (new ETag), check it, and retry.");

    public static string ETag(uint version) => $"\"{version}\"";

    /// <summary>The version an If-Match names (strong or weak form), or null when absent or unreadable.</summary>
    public static uint? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return uint.TryParse(value.Trim('"'), out var version) ? version : null;
    }
}

/// <summary>
/// Keyset cursors for the API's lists, newest first, in the pages' cursor format (<see cref="Infrastructure.Cursor"/>,
/// "after (time, id)"). Lists answer <c>{ items, nextCursor }</c>; the next page is asked for with <c>?cursor=</c>.
/// </summary>
public static class ApiCursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static string Encode(DateTimeOffset at, Guid id) => Infrastructure.Cursor.Format(at, id);

    public static bool TryDecode(string? cursor, out (DateTimeOffset At, Guid Id)? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (!Infrastructure.Cursor.TryParse<Guid>(cursor, out var at, out var id))
        {
            return false;
        }

        position = (at, id);
        return true;
    }

    public static int Limit(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);

    /// <summary>A page from <paramref name="take"/> + 1 fetched items: the extra one only tells that a next page exists.</summary>
    public static Page<T> PageOf<T>(IReadOnlyList<T> fetched, int take, Func<T, (DateTimeOffset At, Guid Id)> position) =>
        new([.. fetched.Take(take)], fetched.Count > take && position(fetched[take - 1]) is var (at, id) ? Encode(at, id) : null);

    public static IResult BadCursor() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable cursor", detail: "Pass back the nextCursor of the previous page unchanged.");
}

/// <summary>A page of a list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
