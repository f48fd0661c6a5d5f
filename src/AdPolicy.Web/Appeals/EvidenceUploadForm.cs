using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Policy;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdPolicy.Web.Appeals;

/// <summary>What the shared upload form (Pages/Shared/_EvidenceUpload) needs to render one checklist item.</summary>
public sealed record EvidenceUploadForm(
    ReviewEvidenceItem Item,
    string Action,
    PolicySettings Policy,
    AppealDesk Desk,
    ModelStateDictionary? ModelState = null)
{
    public bool ShowErrors => ModelState is not null;

    public string? Field(string name) => ModelState?.TryGetValue(name, out var entry) == true ? entry.AttemptedValue : null;

    public IEnumerable<string> Errors(string field) =>
        ModelState?.TryGetValue(field, out var entry) == true ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public long MaxMegabytes(string field) => (Desk.RuleFor(Item.Kind, field)?.MaxBytes ?? 0) / (1024 * 1024);
}
