namespace AdPolicy.Domain.Policy;

/// <summary>What the platform does when an ACE deadline is missed.</summary>
public enum MissedDeadlineSanction
{
    None,
    CancelAdPlan,
    BlockNewAccounts,
    BlockAccountAndDeposit,
}

/// <summary>
/// Every number the policy leaves to the operator. Stored in the database as versions (an admin edits it,
/// each change is a new version); decisions record the version they were made under. Defaults are SPEC.md's.
/// </summary>
public sealed record PolicySettings
{
    // Refund desk (SPEC 2)
    public int FirstResponseHours { get; init; } = 48;

    public int FollowUpAnswerHours { get; init; } = 24;

    public int ReplyAnswerHours { get; init; } = 24;

    public int ResponseReminderLeadHours { get; init; } = 4;

    public int InformationRequestDefaultDays { get; init; } = 7;

    /// <summary>The latest an information request may be due: staff choose a date from tomorrow up to this many days ahead.</summary>
    public int InformationRequestMaxDays { get; init; } = 30;

    // ACE deadlines (SPEC 3.1)
    public int UserComplaintRemovalHours { get; init; } = 24;

    public int IpComplaintRemovalHours { get; init; } = 48;

    public int IpComplaintCooperationHours { get; init; } = 72;

    public int SimilarContentCorrectionHours { get; init; } = 48;

    public int DeadlineReminderLeadHours { get; init; } = 6;

    /// <summary>Complaints about the same ad and category filed within this many days are grouped and decided once.</summary>
    public int DuplicateComplaintWindowDays { get; init; } = 7;

    /// <summary>
    /// How long a complainant may contest a rejection (once), counted from the rejection. SPEC 3.1 gives the right but no
    /// number, so the default is a short 14 days; an operator bound by the EU DSA (Art. 20 keeps the internal complaint
    /// route open at least six months after a decision) sets 183 or more.
    /// </summary>
    public int ContestWindowDays { get; init; } = 14;

    public MissedDeadlineSanction MissedRemovalSanction { get; init; } = MissedDeadlineSanction.CancelAdPlan;

    public MissedDeadlineSanction MissedCooperationSanction { get; init; } = MissedDeadlineSanction.BlockNewAccounts;

    public MissedDeadlineSanction MissedCorrectionSanction { get; init; } = MissedDeadlineSanction.BlockAccountAndDeposit;

    // Violation tiers and strikes (SPEC 3.2, 3.3)
    public int FirstHighViolationSuspensionDays { get; init; } = 7;

    public int FirstStrikeSuspensionDays { get; init; } = 3;

    public int SecondStrikeSuspensionDays { get; init; } = 28;

    /// <summary>The strike count in one category at which the account is removed (permanent suspension).</summary>
    public int StrikesForPermanentSuspension { get; init; } = 3;

    public int StrikeGoodStandingDays { get; init; } = 90;

    // Shop quality (SPEC 3.4)
    public int ShopQualityThreshold { get; init; } = 60;

    // Evidence (SPEC 4)
    public int EvidenceMinimumOrders { get; init; } = 10;

    public int EvidenceCoverageDays { get; init; } = 30;

    public int EvidenceMinimumVideoSeconds { get; init; } = 10;

    /// <summary>How long reviewers have to decide a submitted review request; the clock pauses while it waits on the advertiser.</summary>
    public int ReviewFirstResponseHours { get; init; } = 72;

    public static PolicySettings Defaults { get; } = new();

    public TimeSpan FirstResponse => TimeSpan.FromHours(FirstResponseHours);

    public TimeSpan FollowUpAnswer => TimeSpan.FromHours(FollowUpAnswerHours);

    public TimeSpan ReplyAnswer => TimeSpan.FromHours(ReplyAnswerHours);

    public TimeSpan ReviewFirstResponse => TimeSpan.FromHours(ReviewFirstResponseHours);

    public TimeSpan ResponseReminderLead => TimeSpan.FromHours(ResponseReminderLeadHours);

    public TimeSpan DuplicateComplaintWindow => TimeSpan.FromDays(DuplicateComplaintWindowDays);

    public TimeSpan ContestWindow => TimeSpan.FromDays(ContestWindowDays);

    /// <summary>
    /// Each reminder lead that is not shorter than a clock it reminds of, with that clock (by setting name): a 30-hour
    /// reminder for a 24-hour deadline would be due before the deadline even starts, so such settings are refused.
    /// </summary>
    public IReadOnlyList<(string Lead, string Clock)> RemindersNotShorterThanTheirClocks()
    {
        (string Lead, int LeadHours, (string Name, int Hours)[] Clocks)[] reminders =
        [
            (nameof(ResponseReminderLeadHours), ResponseReminderLeadHours,
                [(nameof(FirstResponseHours), FirstResponseHours), (nameof(FollowUpAnswerHours), FollowUpAnswerHours), (nameof(ReplyAnswerHours), ReplyAnswerHours)]),
            (nameof(DeadlineReminderLeadHours), DeadlineReminderLeadHours,
                [(nameof(UserComplaintRemovalHours), UserComplaintRemovalHours), (nameof(IpComplaintRemovalHours), IpComplaintRemovalHours),
                 (nameof(IpComplaintCooperationHours), IpComplaintCooperationHours), (nameof(SimilarContentCorrectionHours), SimilarContentCorrectionHours)]),
        ];
        return
        [
            .. reminders
                .Select(r => (r.Lead, Shortest: r.Clocks.MinBy(c => c.Hours), r.LeadHours))
                .Where(r => r.LeadHours >= r.Shortest.Hours)
                .Select(r => (r.Lead, r.Shortest.Name)),
        ];
    }
}
