using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// ASP.NET Core Identity's error messages (password rules, duplicate email or user name, ...) in the request's UI
/// culture. The English text is the key, in the portal's own wording; the error codes stay Identity's.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() =>
        Describe(base.DefaultError(), localizer["Something went wrong. Try again."]);

    public override IdentityError ConcurrencyFailure() =>
        Describe(base.ConcurrencyFailure(), localizer["Someone else changed this account at the same time. Reload the page and try again."]);

    public override IdentityError PasswordMismatch() =>
        Describe(base.PasswordMismatch(), localizer["The password is incorrect."]);

    public override IdentityError InvalidToken() =>
        Describe(base.InvalidToken(), localizer["This link or code is not valid or has expired."]);

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Describe(base.RecoveryCodeRedemptionFailed(), localizer["This recovery code could not be used."]);

    public override IdentityError LoginAlreadyAssociated() =>
        Describe(base.LoginAlreadyAssociated(), localizer["Another account already uses this sign-in."]);

    public override IdentityError InvalidUserName(string? userName) =>
        Describe(base.InvalidUserName(userName), localizer["The user name “{0}” contains characters that are not allowed.", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) =>
        Describe(base.InvalidEmail(email), localizer["The email address “{0}” is not valid.", email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) =>
        Describe(base.DuplicateUserName(userName), localizer["The user name “{0}” is already taken.", userName]);

    public override IdentityError DuplicateEmail(string email) =>
        Describe(base.DuplicateEmail(email), localizer["An account with the email address “{0}” already exists.", email]);

    public override IdentityError InvalidRoleName(string? role) =>
        Describe(base.InvalidRoleName(role), localizer["The role name “{0}” is not valid.", role ?? ""]);

    public override IdentityError DuplicateRoleName(string role) =>
        Describe(base.DuplicateRoleName(role), localizer["The role name “{0}” is already taken.", role]);

    public override IdentityError UserAlreadyHasPassword() =>
        Describe(base.UserAlreadyHasPassword(), localizer["This user already has a password."]);

    public override IdentityError UserLockoutNotEnabled() =>
        Describe(base.UserLockoutNotEnabled(), localizer["Lockout is not enabled for this user."]);

    public override IdentityError UserAlreadyInRole(string role) =>
        Describe(base.UserAlreadyInRole(role), localizer["The user already has the role “{0}”.", role]);

    public override IdentityError UserNotInRole(string role) =>
        Describe(base.UserNotInRole(role), localizer["The user does not have the role “{0}”.", role]);

    public override IdentityError PasswordTooShort(int length) =>
        Describe(base.PasswordTooShort(length), localizer["The password must have at least {0} characters.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Describe(base.PasswordRequiresUniqueChars(uniqueChars), localizer["The password must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Describe(base.PasswordRequiresNonAlphanumeric(),
            localizer["The password must have at least one symbol (a character that is neither a letter nor a digit)."]);

    public override IdentityError PasswordRequiresDigit() =>
        Describe(base.PasswordRequiresDigit(), localizer["The password must have at least one digit (0-9)."]);

    public override IdentityError PasswordRequiresLower() =>
        Describe(base.PasswordRequiresLower(), localizer["The password must have at least one lower-case letter (a-z)."]);

    public override IdentityError PasswordRequiresUpper() =>
        Describe(base.PasswordRequiresUpper(), localizer["The password must have at least one upper-case letter (A-Z)."]);

    /// <summary>Identity's error with its code kept (code paths rely on it) and the description translated.</summary>
    private static IdentityError Describe(IdentityError error, string description) =>
        new() { Code = error.Code, Description = description };
}
