using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Storage;
using FluentValidation;
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

public sealed class RefundInputValidator : AbstractValidator<RefundInput>
{
    public RefundInputValidator(IOptions<UploadLimits> limits)
    {
        RuleFor(x => x.Reason).IsInEnum().WithMessage("Choose a reason.");
        RuleFor(x => x.Description)
            .Must(d => !string.IsNullOrWhiteSpace(d) && d.Trim().Length >= 20)
            .WithMessage("Describe the issue in a few sentences (at least 20 characters).")
            .MaximumLength(RefundRequest.DescriptionMaxLength)
            .WithMessage($"Keep the description under {RefundRequest.DescriptionMaxLength} characters.");
        RuleFor(x => x.Amount)
            .GreaterThan(0).WithMessage("Enter the amount you are asking for; it must be more than zero.")
            .Must(a => decimal.Round(a, 2) == a).WithMessage("Amounts have at most two decimals.");
        RuleFor(x => x.Attachments.Count)
            .LessThanOrEqualTo(limits.Value.MaxFilesPerUpload)
            .WithMessage($"Attach at most {limits.Value.MaxFilesPerUpload} files.")
            .OverridePropertyName(nameof(RefundInput.Attachments));
    }
}
