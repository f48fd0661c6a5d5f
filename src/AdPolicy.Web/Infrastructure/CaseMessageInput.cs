using AdPolicy.Web.Storage;
using FluentValidation;

namespace AdPolicy.Web.Infrastructure;

/// <summary>A message with optional files: a follow-up, an answer, a dispute, an added document.</summary>
public sealed class CaseMessageInput
{
    public string Text { get; set; } = string.Empty;

    public List<IFormFile> Files { get; set; } = [];

    internal bool RequiresText { get; set; }
}

public sealed class CaseMessageValidator : AbstractValidator<CaseMessageInput>
{
    public CaseMessageValidator(Microsoft.Extensions.Options.IOptions<UploadLimits> limits)
    {
        RuleFor(x => x.Text).NotEmpty().When(x => x.RequiresText).WithMessage(_ => Localisation.Words.Get("Write your message."));
        RuleFor(x => x.Text).MaximumLength(4000).WithMessage(_ => Localisation.Words.Get("Keep the message under 4000 characters."));
        RuleFor(x => x.Files.Count)
            .LessThanOrEqualTo(limits.Value.MaxFilesPerUpload)
            .WithMessage(_ => string.Format(System.Globalization.CultureInfo.InvariantCulture, Localisation.Words.Get("Attach at most {0} files."), limits.Value.MaxFilesPerUpload))
            .OverridePropertyName(nameof(CaseMessageInput.Files));
    }
}
