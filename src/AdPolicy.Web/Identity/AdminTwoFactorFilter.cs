using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AdPolicy.Web.Identity;

/// <summary>
/// Admins sign in with a second factor. An admin who has not set one up is sent to their profile to enrol before any
/// admin page opens (the demo admin too: the profile shows the QR code and the key on first use).
/// </summary>
public sealed class AdminTwoFactorFilter(ITempDataDictionaryFactory tempData) : IAsyncPageFilter
{
    public const string Message = "Admins sign in with a second factor. Set up your authenticator app below before using the admin pages.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        if (context.ActionDescriptor.ViewEnginePath.Contains("/Admin/", StringComparison.Ordinal)
            && user.IsInRole(Roles.Admin)
            && user.FindFirst(AppClaims.TwoFactor) is null)
        {
            tempData.GetTempData(context.HttpContext)["Problem"] = Message;
            context.Result = new RedirectToPageResult("/Identity/Profile", null, null, "two-factor");
            return;
        }

        await next();
    }
}
