using System.Globalization;
using System.Reflection;
using AdPolicy.Domain.Policy;

namespace AdPolicy.Web.Complaints;

/// <summary>
/// One editable number (or choice) of <see cref="PolicySettings"/>, with its group, unit and sensible range. Group, label and
/// unit are English keys of <c>Resources/Complaints/PolicyFields</c>; pages show them through <see cref="Said"/>.
/// </summary>
public sealed record PolicyField(string Name, string Group, string Label, string Unit, int Min, int Max)
{
    private static readonly Localisation.ResourceWords Text = new("Complaints.PolicyFields");

    /// <summary>The label in the reader's language.</summary>
    public string Said => Text.Get(Label);

    /// <summary>The unit in the reader's language ("hours", "horas").</summary>
    public string UnitSaid => Unit.Length == 0 ? Unit : Text.Get(Unit);

    /// <summary>A group's heading in the reader's language.</summary>
    public static string GroupSaid(string group) => Text.Get(group);

    private PropertyInfo Property => typeof(PolicySettings).GetProperty(Name)!;

    public bool IsChoice => Property.PropertyType.IsEnum;

    public string ValueIn(PolicySettings settings) => Property.GetValue(settings) switch
    {
        int n => n.ToString(CultureInfo.InvariantCulture),
        { } other => other.ToString()!,
        _ => string.Empty,
    };

    public string DefaultValue => ValueIn(PolicySettings.Defaults);

    /// <summary>The value as people read it: a number, or a choice in words ("Block account and deposit").</summary>
    public string Shown(PolicySettings settings) => IsChoice ? Infrastructure.Display.Words(ValueIn(settings)) : ValueIn(settings);

    public string ShownDefault => Shown(PolicySettings.Defaults);

    /// <summary>Parses <paramref name="text"/> into the field's type; an error sentence when it is not acceptable.</summary>
    public (object? Value, string? Error) Parse(string? text)
    {
        if (IsChoice)
        {
            return Enum.TryParse(Property.PropertyType, text, ignoreCase: false, out var choice) && Enum.IsDefined(Property.PropertyType, choice!)
                ? (choice, null)
                : (null, Text.Format("Choose one of the listed sanctions for \"{0}\".", Said));
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= Min && n <= Max
            ? (n, null)
            : (null, Text.Format("\"{0}\" must be a whole number from {1} to {2} {3}.", Said, Min, Max, UnitSaid));
    }

    public PolicySettings With(PolicySettings settings, object value)
    {
        var copy = settings with { };
        Property.SetValue(copy, value);
        return copy;
    }
}

/// <summary>Every policy setting an admin edits, grouped as the SPEC groups them.</summary>
public static class PolicyFields
{
    public static IReadOnlyList<PolicyField> All { get; } =
    [
        new(nameof(PolicySettings.FirstResponseHours), "Refund desk", "First response from support", "hours", 1, 720),
        new(nameof(PolicySettings.FollowUpAnswerHours), "Refund desk", "Answer to a follow-up", "hours", 1, 720),
        new(nameof(PolicySettings.ReplyAnswerHours), "Refund desk", "Answer after the advertiser replies", "hours", 1, 720),
        new(nameof(PolicySettings.ResponseReminderLeadHours), "Refund desk", "Reminder before a response is due", "hours", 1, 168),
        new(nameof(PolicySettings.InformationRequestDefaultDays), "Refund desk", "Time to answer an information request", "days", 1, 90),
        new(nameof(PolicySettings.InformationRequestMaxDays), "Refund desk", "Latest due date staff may set for an information request", "days ahead", 1, 365),
        new(nameof(PolicySettings.UserComplaintRemovalHours), "ACE deadlines", "User complaint: remove the content", "hours", 1, 720),
        new(nameof(PolicySettings.IpComplaintRemovalHours), "ACE deadlines", "IP complaint: remove the content", "hours", 1, 720),
        new(nameof(PolicySettings.IpComplaintCooperationHours), "ACE deadlines", "IP complaint: cooperate with the complainant", "hours", 1, 720),
        new(nameof(PolicySettings.SimilarContentCorrectionHours), "ACE deadlines", "Correct similar content after a violation", "hours", 1, 720),
        new(nameof(PolicySettings.DeadlineReminderLeadHours), "ACE deadlines", "Reminder before a deadline", "hours", 1, 168),
        new(nameof(PolicySettings.DuplicateComplaintWindowDays), "ACE deadlines", "Group complaints about the same ad and category filed within", "days", 1, 90),
        new(nameof(PolicySettings.ContestWindowDays), "ACE deadlines", "A complainant may contest a rejection within", "days", 1, 365),
        new(nameof(PolicySettings.MissedRemovalSanction), "ACE deadlines", "Sanction for a missed removal", string.Empty, 0, 0),
        new(nameof(PolicySettings.MissedCooperationSanction), "ACE deadlines", "Sanction for missed cooperation", string.Empty, 0, 0),
        new(nameof(PolicySettings.MissedCorrectionSanction), "ACE deadlines", "Sanction for a missed correction", string.Empty, 0, 0),
        new(nameof(PolicySettings.FirstHighViolationSuspensionDays), "Tiers and strikes", "Suspension for a first high-risk violation", "days", 1, 365),
        new(nameof(PolicySettings.FirstStrikeSuspensionDays), "Tiers and strikes", "Suspension for a 1st strike", "days", 1, 365),
        new(nameof(PolicySettings.SecondStrikeSuspensionDays), "Tiers and strikes", "Suspension for a 2nd strike", "days", 1, 365),
        new(nameof(PolicySettings.StrikesForPermanentSuspension), "Tiers and strikes", "Strikes in one category for permanent suspension", "strikes", 2, 10),
        new(nameof(PolicySettings.StrikeGoodStandingDays), "Tiers and strikes", "Good standing that clears strikes", "days", 1, 730),
        new(nameof(PolicySettings.ShopQualityThreshold), "Shop quality", "Score below which reach is limited", "points (0–100)", 0, 100),
        new(nameof(PolicySettings.EvidenceMinimumOrders), "Evidence", "Orders an order list must show", "orders", 1, 1000),
        new(nameof(PolicySettings.EvidenceCoverageDays), "Evidence", "Days an order list must cover", "days", 1, 365),
        new(nameof(PolicySettings.EvidenceMinimumVideoSeconds), "Evidence", "Shortest acceptable video", "seconds", 1, 600),
        new(nameof(PolicySettings.ReviewFirstResponseHours), "Evidence", "Reviewers decide a submitted review request within (paused while it waits on the advertiser)", "hours", 1, 720),
    ];

    public static PolicyField Named(string name) => All.Single(f => f.Name == name);

    /// <summary>What changed between two versions, field by field, as "label: from → to".</summary>
    public static IReadOnlyList<string> Changes(PolicySettings before, PolicySettings after) =>
        [.. All.Where(f => f.ValueIn(before) != f.ValueIn(after)).Select(f => $"{f.Said}: {f.Shown(before)} → {f.Shown(after)}")];
}
