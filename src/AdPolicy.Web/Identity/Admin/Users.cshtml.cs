using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Identity.Admin;

public sealed record UserLine(Guid Id, string Email, string Name, string Role, string? Organisation, bool Disabled);

/// <summary>
/// Users and roles (Admin): there is no self-registration, so staff and advertiser accounts are made here.
/// An advertiser belongs to exactly one organisation; staff to none. Disabling sign-in keeps the account and its history.
/// </summary>
public sealed class UsersModel(
    AppDbContext db,
    UserManager<AppUser> users,
    SessionTicketStore sessions,
    TimeProvider clock,
    IValidator<UsersModel.NewUserInput> validator,
    IStringLocalizer<UsersModel> text) : PageModel
{
    public const int PageSize = 50;

    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    public IReadOnlyList<UserLine> Lines { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Organisations { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public async Task OnGetAsync(string? after) => await LoadAsync(after);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            await LoadAsync(null);
            return Page();
        }

        if (Input.Role == Roles.Advertiser && !await db.Organisations.AnyAsync(o => o.Id == Input.OrganisationId))
        {
            ModelState.AddModelError("Input.OrganisationId", text["Choose the advertiser's organisation."]);
            await LoadAsync(null);
            return Page();
        }

        var email = Input.Email.Trim();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(),
            OrganisationId = Input.Role == Roles.Advertiser ? Input.OrganisationId : null,
        };
        var created = await users.CreateAsync(user, Input.Password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Input.Role);
        }

        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email" : string.Empty, error.Description);
            }

            await LoadAsync(null);
            return Page();
        }

        TempData["Status"] = text["{0} ({1}) can now sign in as {2}.", user.DisplayName, text[Input.Role].Value, email].Value;
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostDisableAsync(Guid id) => SetSignInAsync(id, enabled: false);

    public Task<IActionResult> OnPostEnableAsync(Guid id) => SetSignInAsync(id, enabled: true);

    private async Task<IActionResult> SetSignInAsync(Guid id, bool enabled)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (!enabled && user.Id == User.Id())
        {
            TempData["Problem"] = text["You cannot disable your own sign-in."].Value;
            return RedirectToPage();
        }

        user.DisabledAt = enabled ? null : clock.GetUtcNow();
        await users.UpdateAsync(user);
        if (!enabled)
        {
            // Their sessions end now, on every device; the new stamp also refuses any cookie issued before.
            await sessions.RevokeAllAsync(db, user.Id, keep: null, HttpContext.RequestAborted);
            await users.UpdateSecurityStampAsync(user);
        }

        TempData["Status"] = (enabled ? text["{0} can sign in again.", user.DisplayName] : text["{0} can no longer sign in.", user.DisplayName]).Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(string? after)
    {
        var query = from user in db.Users.AsNoTracking()
                    join userRole in db.UserRoles on user.Id equals userRole.UserId into userRoles
                    from userRole in userRoles.DefaultIfEmpty()
                    join role in db.Roles on userRole.RoleId equals role.Id into roles
                    from role in roles.DefaultIfEmpty()
                    join organisation in db.Organisations on user.OrganisationId equals organisation.Id into organisations
                    from organisation in organisations.DefaultIfEmpty()
                    select new { user, Role = role != null ? role.Name : null, Organisation = organisation != null ? organisation.Name : null };
        if (!string.IsNullOrEmpty(after))
        {
            query = query.Where(x => string.Compare(x.user.NormalizedEmail, after) > 0);
        }

        var page = await query.OrderBy(x => x.user.NormalizedEmail).Take(PageSize + 1).ToListAsync();
        Lines = page.Take(PageSize)
            .Select(x => new UserLine(x.user.Id, x.user.Email ?? "", x.user.DisplayName, x.Role ?? "none", x.Organisation, x.user.DisabledAt != null))
            .ToList();
        NextAfter = page.Count > PageSize ? page[PageSize - 1].user.NormalizedEmail : null;
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();
    }

    public sealed class NewUserInput
    {
        public const int EmailMaxLength = 256;

        public const int NameMaxLength = 200;

        public const int PasswordMaxLength = 200;

        public string Email { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;

        public string Role { get; set; } = Roles.Support;

        public Guid? OrganisationId { get; set; }

        public string Password { get; set; } = string.Empty;
    }

    public sealed class NewUserValidator : AbstractValidator<NewUserInput>
    {
        public NewUserValidator(IStringLocalizer<UsersModel> text)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(_ => text["Enter the email address they will sign in with."])
                .EmailAddress().WithMessage(_ => text["That is not an email address."]).MaximumLength(NewUserInput.EmailMaxLength);
            RuleFor(x => x.DisplayName).NotEmpty().WithMessage(_ => text["Enter the name others will see."]).MaximumLength(NewUserInput.NameMaxLength);
            RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithMessage(_ => text["Choose a role."]);
            RuleFor(x => x.OrganisationId).NotNull().When(x => x.Role == Roles.Advertiser).WithMessage(_ => text["Choose the advertiser's organisation."]);
            RuleFor(x => x.OrganisationId).Null().When(x => x.Role != Roles.Advertiser).WithMessage(_ => text["Only advertisers belong to an organisation."]);
            RuleFor(x => x.Password).MaximumLength(NewUserInput.PasswordMaxLength).MinimumLength(10).WithMessage(_ => text["The first password needs at least 10 characters; they can change it later."]);
        }
    }
}
