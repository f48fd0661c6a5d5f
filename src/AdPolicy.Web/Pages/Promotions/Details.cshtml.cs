using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Pages.Promotions;

public sealed class DetailsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Promotion Promotion { get; private set; } = null!;

    public decimal? UndeliveredShare { get; private set; }

    public IReadOnlyList<RefundRequest> Requests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var promotion = await db.FindPromotionAsync(User.OrganisationId()!.Value, id);
        if (promotion is null)
        {
            return NotFound();
        }

        Promotion = promotion;
        UndeliveredShare = RefundEligibility.UndeliveredShare(promotion);
        Requests = await db.RefundRequests.AsNoTracking()
            .Where(r => r.PromotionId == id)
            .OrderByDescending(r => r.FiledAt)
            .ToListAsync();
        ViewData["Now"] = clock.GetUtcNow();
        return Page();
    }
}
