using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Storage;
using FluentValidation;
using AdPolicy.Web.Localisation;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Refunds;

/// <summary>A refund filing as the form and the API send it.</summary>
public sealed class RefundInput
{
    public Guid PromotionId { get; set; }

    public Guid IdempotencyKey { get; set; }

    public RefundReason Reason { get; set; }

    public string Description { get; set; } = string.Empty;

    [System.ComponentModel.DataAnnotations.Display(Name = "the amount you are asking for")]
    public decimal Amount { get; set; }

    public List<IFormFile> Attachments { get; set; } = [];
}

/// <summary>The filing's rules, in the reader's language (the "Request a refund" page's resource, for the page and the API alike).</summary>
public sealed class RefundInputValidator : AbstractValidator<RefundInput>
{
    /// <summary>The page whose resource holds the filing's sentences.</summary>
    public const string Page = "Refunds/New";

    public RefundInputValidator(IOptions<UploadLimits> limits, IStringLocalizerFactory localisers)
    {
        var text = localisers.ForPage(Page);
        RuleFor(x => x.Reason).IsInEnum().WithMessage(_ => text["Choose a reason."]);
        RuleFor(x => x.Description)
            .Must(d => !string.IsNullOrWhiteSpace(d) && d.Trim().Length >= 20)
            .WithMessage(_ => text["Describe the issue in a few sentences (at least 20 characters)."])
            .MaximumLength(RefundRequest.DescriptionMaxLength)
            .WithMessage(_ => text["Keep the description under {0} characters.", RefundRequest.DescriptionMaxLength]);
        RuleFor(x => x.Amount)
            .GreaterThan(0).WithMessage(_ => text["Enter the amount you are asking for; it must be more than zero."])
            .Must(a => decimal.Round(a, 2) == a).WithMessage(_ => text["Amounts have at most two decimals."]);
        RuleFor(x => x.Attachments.Count)
            .LessThanOrEqualTo(limits.Value.MaxFilesPerUpload)
            .WithMessage(_ => text["Attach at most {0} files.", limits.Value.MaxFilesPerUpload])
            .OverridePropertyName(nameof(RefundInput.Attachments));
    }
}
