using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Identity;

/// <summary>
/// Identity's own messages (password rules, a taken address, a used link) as sentences in the reader's language
/// (<c>Resources/Identity/IdentityMessages.resx</c>, keyed by the English text). The codes stay Identity's: pages
/// place a message by its code.
/// </summary>
public sealed class IdentityMessages(IStringLocalizer<IdentityMessages> text) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Say(nameof(DefaultError), "Something went wrong. Try again.");

    public override IdentityError ConcurrencyFailure() => Say(nameof(ConcurrencyFailure), "Someone changed this account meanwhile. Load it again and retry.");

    public override IdentityError PasswordMismatch() => Say(nameof(PasswordMismatch), "The password is not right.");

    public override IdentityError InvalidToken() => Say(nameof(InvalidToken), "This link is used or has expired. Ask for a new one.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Say(nameof(RecoveryCodeRedemptionFailed), "That recovery code is not right, or it was used already.");

    public override IdentityError LoginAlreadyAssociated() => Say(nameof(LoginAlreadyAssociated), "Another account already uses this sign-in.");

    public override IdentityError InvalidUserName(string? userName) => Say(nameof(InvalidUserName), "\"{0}\" cannot be a user name: use an email address.", userName ?? string.Empty);

    public override IdentityError InvalidEmail(string? email) => Say(nameof(InvalidEmail), "\"{0}\" is not an email address. Enter one like name@example.com.", email ?? string.Empty);

    public override IdentityError DuplicateUserName(string userName) => Say(nameof(DuplicateUserName), "An account with {0} already exists.", userName);

    public override IdentityError DuplicateEmail(string email) => Say(nameof(DuplicateEmail), "An account with {0} already exists.", email);

    public override IdentityError InvalidRoleName(string? role) => Say(nameof(InvalidRoleName), "\"{0}\" is not a role.", role ?? string.Empty);

    public override IdentityError DuplicateRoleName(string role) => Say(nameof(DuplicateRoleName), "The role {0} already exists.", role);

    public override IdentityError UserAlreadyHasPassword() => Say(nameof(UserAlreadyHasPassword), "This account already has a password.");

    public override IdentityError UserLockoutNotEnabled() => Say(nameof(UserLockoutNotEnabled), "This account cannot be locked.");

    public override IdentityError UserAlreadyInRole(string role) => Say(nameof(UserAlreadyInRole), "This account already has the role {0}.", role);

    public override IdentityError UserNotInRole(string role) => Say(nameof(UserNotInRole), "This account does not have the role {0}.", role);

    public override IdentityError PasswordTooShort(int length) => Say(nameof(PasswordTooShort), "A password needs at least {0} characters.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Say(nameof(PasswordRequiresUniqueChars), "A password needs at least {0} different characters.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Say(nameof(PasswordRequiresNonAlphanumeric), "A password needs at least one character that is not a letter or a digit, like - or !.");

    public override IdentityError PasswordRequiresDigit() => Say(nameof(PasswordRequiresDigit), "A password needs at least one digit (0-9).");

    public override IdentityError PasswordRequiresLower() => Say(nameof(PasswordRequiresLower), "A password needs at least one lowercase letter (a-z).");

    public override IdentityError PasswordRequiresUpper() => Say(nameof(PasswordRequiresUpper), "A password needs at least one uppercase letter (A-Z).");

    private IdentityError Say(string code, string english, params object[] values) => new() { Code = code, Description = text[english, values] };
}
