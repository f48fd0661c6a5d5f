using AdPolicy.Web.Storage;
using AdPolicy.Domain.Ace;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Complaints;

/// <summary>The complaint form, the same for the public page and for staff recording a complaint received another way.</summary>
public sealed class ComplaintInput
{
    public ComplaintType Type { get; set; } = ComplaintType.UserComplaint;

    public ProhibitedCategory? Category { get; set; }

    public const int CampaignOrAdIdMaxLength = 64;

    /// <summary>The campaign id (CMP-…) or ad id (AD-…) shown with the ad.</summary>
    public string CampaignOrAdId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string? Organisation { get; set; }

    /// <summary>IP complaints: rights holder or authorised representative.</summary>
    public ComplainantRole? Role { get; set; }

    public string? RightConcerned { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary>The language the complainant wants to be written to ("en", "es"); empty: the default.</summary>
    public string? Language { get; set; }

    public List<IFormFile> Files { get; set; } = [];

    /// <summary>
    /// A random key made when the form is shown (a hidden field): sending the same form twice files one complaint.
    /// Empty for the API, whose callers send an Idempotency-Key header instead.
    /// </summary>
    public Guid SubmissionKey { get; set; }

    public ComplainantDetails Complainant() => Type == ComplaintType.IntellectualProperty
        ? new ComplainantDetails(Name, Email, Organisation, Role ?? ComplainantRole.AffectedUser, RightConcerned, ChosenLanguage)
        : new ComplainantDetails(Name, Email, Organisation, ComplainantRole.AffectedUser, null, ChosenLanguage);

    private string? ChosenLanguage => Localisation.Languages.IsSupported(Language) ? Language : null;
}

public sealed class ComplaintInputValidator : AbstractValidator<ComplaintInput>
{
    public ComplaintInputValidator(IOptions<UploadLimits> limits, IStringLocalizer<ComplaintInput> text)
    {
        RuleFor(x => x.Type).IsInEnum().WithMessage(_ => text["Choose the kind of complaint."]);
        RuleFor(x => x.Category).NotNull().WithMessage(_ => text["Choose what the advertiser did wrong."])
            .IsInEnum().WithMessage(_ => text["Choose what the advertiser did wrong."]);
        RuleFor(x => x.CampaignOrAdId)
            .Must(id => !string.IsNullOrWhiteSpace(id)).WithMessage(_ => text["Give the campaign id or ad id shown with the ad (like CMP-101-001 or AD-101-001A)."])
            .MaximumLength(ComplaintInput.CampaignOrAdIdMaxLength).WithMessage(_ => text["A campaign or ad id has at most {0} characters.", Number(ComplaintInput.CampaignOrAdIdMaxLength)]);
        RuleFor(x => x.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => text["Give your name."])
            .MaximumLength(AceComplaint.NameMaxLength).WithMessage(_ => text["A name has at most {0} characters.", Number(AceComplaint.NameMaxLength)]);
        RuleFor(x => x.Email)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage(_ => text["Give an email address where we can reach you."])
            .EmailAddress().WithMessage(_ => text["Give an email address like name@example.com."])
            .MaximumLength(AceComplaint.EmailMaxLength).WithMessage(_ => text["An email address has at most {0} characters.", Number(AceComplaint.EmailMaxLength)]);
        RuleFor(x => x.Organisation)
            .MaximumLength(AceComplaint.NameMaxLength).WithMessage(_ => text["An organisation name has at most {0} characters.", Number(AceComplaint.NameMaxLength)]);
        RuleFor(x => x.Role)
            .Must(r => r is ComplainantRole.RightsHolder or ComplainantRole.AuthorisedRepresentative)
            .When(x => x.Type == ComplaintType.IntellectualProperty)
            .WithMessage(_ => text["Say whether you are the rights holder or its authorised representative; only they can file an intellectual-property complaint."]);
        RuleFor(x => x.RightConcerned)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .When(x => x.Type == ComplaintType.IntellectualProperty)
            .WithMessage(_ => text["Say which right is infringed (for example the trademark or copyright and its registration number)."]);
        RuleFor(x => x.RightConcerned)
            .MaximumLength(AceComplaint.RightConcernedMaxLength)
            .WithMessage(_ => text["Describe the right in at most {0} characters.", Number(AceComplaint.RightConcernedMaxLength)]);
        RuleFor(x => x.Description)
            .Must(d => !string.IsNullOrWhiteSpace(d) && d.Trim().Length >= 20).WithMessage(_ => text["Describe what happened in a few sentences (at least 20 characters)."])
            .MaximumLength(AceComplaint.DescriptionMaxLength).WithMessage(_ => text["Keep the description under {0} characters.", Number(AceComplaint.DescriptionMaxLength)]);
        RuleFor(x => x.Language)
            .Must(l => string.IsNullOrEmpty(l) || Localisation.Languages.IsSupported(l))
            .WithMessage(_ => text["Choose English or Spanish."]);
        RuleFor(x => x.Files.Count)
            .LessThanOrEqualTo(limits.Value.MaxFilesPerUpload)
            .WithMessage(_ => text["Attach at most {0} files.", Number(limits.Value.MaxFilesPerUpload)])
            .OverridePropertyName(nameof(ComplaintInput.Files));
    }

    /// <summary>Limits are written as digits alone in both languages ("4000"), as the hints under the fields are.</summary>
    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Limits on the public complaint form (configuration section "Complaints").</summary>
public sealed class ComplaintLimits
{
    public const string Section = "Complaints";

    /// <summary>Complaints one client address may file per window (forms sent back with a message do not count).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000, ErrorMessage = "Complaints:PermitLimit must be between 1 and 100000 filings per window.")]
    public int PermitLimit { get; set; } = 10;

    [System.ComponentModel.DataAnnotations.Range(1, 86_400, ErrorMessage = "Complaints:WindowSeconds must be between 1 and 86400 seconds.")]
    public int WindowSeconds { get; set; } = 600;

    /// <summary>Complaints one email address may file in an hour before it is refused as abuse.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000, ErrorMessage = "Complaints:MaxPerEmailPerHour must be between 1 and 100000.")]
    public int MaxPerEmailPerHour { get; set; } = 5;
}
