using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Ace;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Pages.Staff.Accounts;

/// <summary>An ad account for staff: its derived standing and record, and its shop quality score (SPEC 3.4), which support sets.</summary>
public sealed class DetailsModel(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    AceStandings standings,
    AceNotices notices,
    IAuthorizationService authorization,
    IValidator<DetailsModel.ScoreInput> validator) : PageModel
{
    public AccountRecord Record { get; private set; } = null!;

    public string OrganisationName { get; private set; } = string.Empty;

    [BindProperty]
    public ScoreInput Score { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostScoreAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Support)).Succeeded)
        {
            return Forbid();
        }

        var account = await db.AdAccounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(Score, ModelState, "Score"))
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        try
        {
            var wasLimited = account.ShopQualityScore < policy.ShopQualityThreshold;
            account.SetShopQualityScore(Score.Value!.Value, clock.GetUtcNow());
            if (account.ShopQualityScore < policy.ShopQualityThreshold && !wasLimited)
            {
                await notices.ReachLimitedAsync(account, policy, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(rule);
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, "Someone changed this account meanwhile. This is its current state; set the score again.");
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        TempData["Status"] = $"Shop quality score set to {Score.Value}.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = await db.AdAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return false;
        }

        Record = await standings.ForAccountAsync(account, cancellationToken);
        OrganisationName = await db.Organisations.Where(o => o.Id == account.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return true;
    }

    public sealed class ScoreInput
    {
        public int? Value { get; set; }
    }

    public sealed class ScoreValidator : AbstractValidator<ScoreInput>
    {
        public ScoreValidator()
        {
            RuleFor(x => x.Value).NotNull().WithMessage("Enter the score, a whole number from 0 to 100.")
                .InclusiveBetween(0, 100).WithMessage("A shop quality score is a whole number from 0 to 100.");
        }
    }
}
