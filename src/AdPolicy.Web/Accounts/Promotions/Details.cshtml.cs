using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Accounts.Promotions;

public sealed class DetailsModel(AppDbContext db, TimeProvider clock, AceStandings standings, IStringLocalizer<DetailsModel> text) : PageModel
{
    public Promotion Promotion { get; private set; } = null!;

    public decimal? UndeliveredShare { get; private set; }

    public IReadOnlyList<RefundRequest> Requests { get; private set; } = [];

    public Deliveries Delivery { get; private set; } = Deliveries.None;

    /// <summary>The account's standing allows ads: otherwise resuming is neither offered nor accepted.</summary>
    public bool MayRunAds { get; private set; }

    /// <summary>A refund can be asked for once the promotion has started (nothing was spent before).</summary>
    public bool HasStarted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostPauseAsync(Guid id) =>
        ChangeAsync(id, (p, _) => p.Pause(), text["The promotion is paused."]);

    /// <summary>A suspended account cannot resume: the standing, derived from the record, says whether it may run ads.</summary>
    public Task<IActionResult> OnPostResumeAsync(Guid id) =>
        ChangeAsync(id, (p, mayRunAds) => p.Resume(mayRunAds), text["The promotion is running again."]);

    private async Task<IActionResult> ChangeAsync(Guid id, Action<Promotion, bool> change, LocalizedString done)
    {
        var promotion = await db.PromotionsOf(User.OrganisationId()!.Value).FirstOrDefaultAsync(p => p.Id == id);
        if (promotion is null)
        {
            return NotFound();
        }

        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == promotion.AdAccountId);
        var record = await standings.ForAccountAsync(account);
        try
        {
            change(promotion, record.Standing.MayRunAds);
            await db.SaveChangesAsync();
        }
        catch (DomainRuleException rule)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(rule);
            await LoadAsync(id);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["This promotion changed meanwhile. This is its current state; try again."]);
            await LoadAsync(id);
            return Page();
        }

        TempData["Status"] = done.Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var promotion = await db.FindPromotionAsync(User.OrganisationId()!.Value, id);
        if (promotion is null)
        {
            return false;
        }

        Promotion = promotion;
        Delivery = await standings.DeliveryOfAsync([promotion]);
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == promotion.AdAccountId);
        MayRunAds = (await standings.ForAccountAsync(account)).Standing.MayRunAds;
        HasStarted = promotion.StartsAt <= clock.GetUtcNow();
        UndeliveredShare = RefundEligibility.UndeliveredShare(promotion);
        Requests = await db.RefundRequests.AsNoTracking()
            .Where(r => r.PromotionId == id)
            .OrderByDescending(r => r.FiledAt)
            .ToListAsync();
        ViewData["Now"] = clock.GetUtcNow();
        return true;
    }
}
