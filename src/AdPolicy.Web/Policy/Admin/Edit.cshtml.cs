using AdPolicy.Domain.Policy;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Policy.Admin;

/// <summary>A saved version of the settings with what it changed from the one before: the audit trail.</summary>
public sealed record PolicyHistoryLine(PolicyVersion Version, IReadOnlyList<string> Changes);

/// <summary>
/// The policy settings (SPEC 3 and the refund desk): every number with its SPEC default. Saving adds a new version
/// (who, when, why); versions are never edited, so the history below is the audit. Decisions record their version.
/// </summary>
public sealed class PolicyModel(AppDbContext db, TimeProvider clock, PolicyStore policies, IStringLocalizer<PolicyModel> text) : PageModel
{
    public const int NoteMaxLength = 1000;

    public PolicySettings Current { get; private set; } = PolicySettings.Defaults;

    public int CurrentVersion { get; private set; }

    public IReadOnlyList<PolicyHistoryLine> History { get; private set; } = [];

    /// <summary>The form's values by setting name, as typed.</summary>
    [BindProperty]
    public Dictionary<string, string> Values { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The version the admin edited, so a newer save by someone else is not silently overwritten.</summary>
    [BindProperty]
    public int BasedOnVersion { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Values = PolicyFields.All.ToDictionary(f => f.Name, f => f.ValueIn(Current));
        BasedOnVersion = CurrentVersion;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var settings = Current;
        foreach (var field in PolicyFields.All)
        {
            var (value, error) = field.Parse(Values.GetValueOrDefault(field.Name)?.Trim());
            if (error is not null)
            {
                ModelState.AddModelError($"Values[{field.Name}]", error);
            }
            else
            {
                settings = field.With(settings, value!);
            }
        }

        foreach (var (lead, clock) in ModelState.IsValid ? settings.RemindersNotShorterThanTheirClocks() : [])
        {
            var leadField = PolicyFields.Named(lead);
            var clockField = PolicyFields.Named(clock);
            ModelState.AddModelError(
                $"Values[{lead}]",
                text[
                    "\"{0}\" ({1} hours) must be shorter than the clock it reminds of: \"{2}\" is {3} hours, so the reminder would be due before that clock starts.",
                    leadField.Said, leadField.ValueIn(settings), clockField.Said, clockField.ValueIn(settings)]);
        }

        if (string.IsNullOrWhiteSpace(Note))
        {
            ModelState.AddModelError(nameof(Note), text["Say why you change the policy; the note is kept in the history."]);
        }
        else if (Note is { Length: > NoteMaxLength })
        {
            ModelState.AddModelError(nameof(Note), text["Keep the note under {0} characters.", NoteMaxLength]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (BasedOnVersion != CurrentVersion)
        {
            ModelState.AddModelError(string.Empty, text["Someone saved version {0} while you were editing. Check its values below and save again.", CurrentVersion]);
            Values = PolicyFields.All.ToDictionary(f => f.Name, f => f.ValueIn(Current));
            BasedOnVersion = CurrentVersion;
            return Page();
        }

        if (PolicyFields.Changes(Current, settings).Count == 0)
        {
            ModelState.AddModelError(string.Empty, text["Nothing changed, so no new version was saved."]);
            return Page();
        }

        db.PolicyVersions.Add(new PolicyVersion
        {
            Version = CurrentVersion + 1,
            Settings = settings,
            EffectiveFrom = clock.GetUtcNow(),
            ChangedById = User.Id(),
            ChangedByName = User.Name(),
            Note = Note?.Trim(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            policies.Forget();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            policies.Forget();
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(string.Empty, text["Someone saved version {0} at the same moment. Check its values below and save again.", CurrentVersion]);
            BasedOnVersion = CurrentVersion;
            return Page();
        }

        TempData["Status"] = text["Policy version {0} saved; it applies to decisions from now on.", CurrentVersion + 1].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        (Current, CurrentVersion) = await policies.CurrentAsync(cancellationToken);
        History = await HistoryAsync(db, cancellationToken);
    }

    public static async Task<IReadOnlyList<PolicyHistoryLine>> HistoryAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var versions = await db.PolicyVersions.AsNoTracking().OrderBy(v => v.Version).Take(500).ToListAsync(cancellationToken);
        var lines = new List<PolicyHistoryLine>();
        var before = PolicySettings.Defaults;
        foreach (var version in versions)
        {
            lines.Add(new PolicyHistoryLine(version, PolicyFields.Changes(before, version.Settings)));
            before = version.Settings;
        }

        lines.Reverse();
        return lines;
    }
}
