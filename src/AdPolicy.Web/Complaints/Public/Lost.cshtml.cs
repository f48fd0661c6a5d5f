using System.Net.Mail;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Complaints.Public;

/// <summary>
/// "Lost your link?" (anonymous): emails a new tracking link for every open complaint filed with the address, to that
/// address only. It answers the same — the same redirect and the same page — whether or not the address is known, and
/// does the same work either way: it hands the address to <see cref="LostLinkRequests"/> and answers; the lookup and
/// the emails happen after. Limited per client address like the complaint form.
/// </summary>
public sealed class LostModel(LostLinkRequests requests, ComplaintFilingLimiter limiter, IStringLocalizer<LostModel> text) : PageModel
{
    /// <summary>The lost-link requests share the complaint form's per-client limiter under their own key.</summary>
    private const string LimiterKey = "lost-link:";

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var email = Email.Trim();
        if (email.Length == 0 || email.Length > AceComplaint.EmailMaxLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            ModelState.AddModelError(nameof(Email), text["Give the email address you filed with, like name@example.com."]);
            return Page();
        }

        var address = LimiterKey + (HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!limiter.MayFile(address))
        {
            ModelState.AddModelError(
                string.Empty,
                text["Too many requests: this connection has asked for links too often in {0}. Nothing was sent this time; try again later.", Display.Span(limiter.Window)]);
            var refused = Page();
            refused.StatusCode = StatusCodes.Status429TooManyRequests;
            return refused;
        }

        limiter.Filed(address);
        requests.Add(email);
        return RedirectToPage(new { sent = true });
    }
}
