using AdPolicy.Domain.Common;
using AdPolicy.Web.Data;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// A page that shows one case and acts on it, routed by its <see cref="Key"/> (<c>{id}</c>, or the complainant's
/// <c>{token}</c>). Its handlers only act and answer through <see cref="CasePageFilter.AnswerAsync"/>;
/// <see cref="CasePageFilter"/> turns what they throw into what the person reads, and shows the case again.
/// Implement <see cref="ICasePage{TKey}"/>.
/// </summary>
public interface ICasePage
{
    /// <summary>The name of the route value (and handler argument) that names the case.</summary>
    string Key => "id";

    /// <summary>Loads the case named by <paramref name="key"/> again, as it now stands in the database, for the page to show.</summary>
    Task ReloadAsync(object key, CancellationToken cancellationToken);

    /// <summary>The newest change on the reloaded case that this page's reader may see: what, who and when.</summary>
    string? LatestChange { get; }

    /// <summary>What the person was working on, in the conflict sentence ("this case").</summary>
    string ThisCase => "this case";

    /// <summary>Where the reloaded case stands, when the page has more to say than its latest change (null: nothing more).</summary>
    string? Standing => null;
}

/// <summary>A case page whose case is named by a <typeparamref name="TKey"/> (a case id, a tracking token).</summary>
public interface ICasePage<in TKey> : ICasePage
    where TKey : notnull
{
    /// <summary>Loads the case again, as it now stands in the database, for the page to show.</summary>
    Task ReloadAsync(TKey key, CancellationToken cancellationToken);

    Task ICasePage.ReloadAsync(object key, CancellationToken cancellationToken) => ReloadAsync((TKey)key, cancellationToken);
}

/// <summary>
/// One place for what every case page does when an action is refused: a broken domain rule becomes its sentence at the
/// top of the page; a concurrency conflict (another person saved first) becomes "someone changed this case, here is
/// what they did". Either way nothing of the action is kept: the change tracker is cleared, the case reloaded and the
/// page shown again (200, with the person's input still in the form). Pages that are not <see cref="ICasePage"/> are untouched.
/// </summary>
public sealed class CasePageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } thrown || executed.ExceptionHandled
            || context.HandlerInstance is not (PageModel model and ICasePage page)
            || !context.HandlerArguments.TryGetValue(page.Key, out var key) || key is null)
        {
            return;
        }

        var rule = thrown as DomainRuleException;
        if (rule is null && !IsConflict(thrown))
        {
            return;
        }

        executed.Result = await ShowAgainAsync(model, page, key, context.HttpContext.RequestAborted);
        model.ModelState.AddModelError(string.Empty, rule is null ? ConflictSentence(page) : Localisation.Sentences.Of(rule));
        executed.ExceptionHandled = true;
    }

    /// <summary>
    /// How a case page answers an action: its sentence as the status message and post/redirect/get; no sentence (the
    /// input was refused, its messages are in ModelState): the case shown again as it stands, with nothing of the action
    /// kept. <paramref name="then"/>: where a done action goes (default: this page again).
    /// </summary>
    public static async Task<IActionResult> AnswerAsync<TPage>(TPage page, object key, string? done, CancellationToken cancellationToken, Func<IActionResult>? then = null)
        where TPage : PageModel, ICasePage
    {
        if (done is null)
        {
            return await ShowAgainAsync(page, page, key, cancellationToken);
        }

        page.TempData["Status"] = done;
        return then?.Invoke() ?? page.RedirectToPage(new RouteValueDictionary { [((ICasePage)page).Key] = key });
    }

    private static async Task<IActionResult> ShowAgainAsync(PageModel model, ICasePage page, object key, CancellationToken cancellationToken)
    {
        model.HttpContext.RequestServices.GetRequiredService<AppDbContext>().ChangeTracker.Clear();
        await page.ReloadAsync(key, cancellationToken);
        return model.Page();
    }

    /// <summary>
    /// Another save got there first: the row's version moved on, or a unique index (one payment, one decision) refused
    /// the second of two writes.
    /// </summary>
    public static bool IsConflict(Exception thrown) =>
        thrown is DbUpdateConcurrencyException
        || thrown is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } };

    public static string ConflictSentence(ICasePage page)
    {
        var standing = page.Standing is { } s ? $" {s}." : string.Empty;
        var latest = page.LatestChange is { } l ? " " + Sentences.Format("The latest change: {0}.", l) : string.Empty;
        return Sentences.Format("Someone changed {0} while you were working on it, so nothing you did was saved. Here is how it stands now.", Sentences.Get(page.ThisCase)) + standing + latest;
    }

    /// <summary>The newest of a case's timeline events in words: "Refunded (was approved), by Ann, 2026-03-01 10:00 UTC".</summary>
    public static string? Latest<TKind, TStatus>(IEnumerable<TimelineEvent<TKind, TStatus>> events, Func<TStatus, string> describe)
        where TKind : struct, Enum
        where TStatus : struct, Enum =>
        events.MaxBy(e => e.Sequence) is { } e
            ? Said(Display.EventTitle(e.Kind, e.FromStatus is { } from ? describe(from) : null, e.ToStatus is { } to ? describe(to) : null), e.ActorName, e.At)
            : null;

    /// <summary>One change in words: what, by whom, when.</summary>
    public static string Said(string what, string who, DateTimeOffset at) =>
        string.IsNullOrWhiteSpace(who) ? $"{what}, {Display.Utc(at)}" : Sentences.Format("{0}, by {1}, {2}", what, who, Display.Utc(at));
}
