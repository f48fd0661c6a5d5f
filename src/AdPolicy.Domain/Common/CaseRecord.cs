namespace AdPolicy.Domain.Common;

/// <summary>Who may read a timeline event besides staff.</summary>
public enum EventAudience
{
    /// <summary>Staff and the advertiser (and, on a complaint, not the complainant).</summary>
    Parties,

    /// <summary>Staff only: an internal note or a routing detail.</summary>
    StaffOnly,

    /// <summary>Everyone on the case, the complainant of an ACE complaint included.</summary>
    Everyone,
}

/// <summary>
/// What every case shares — a refund request, an ACE complaint, a review request: its number and reference, who has it
/// (assignment), who decided it, when, why and under which policy version, its timeline and its version for optimistic
/// concurrency. Each case keeps only its own transitions and rules, and records each one through <see cref="Record"/>.
/// </summary>
/// <typeparam name="TEvent">The case's timeline event.</typeparam>
/// <typeparam name="TKind">Its kinds of event.</typeparam>
/// <typeparam name="TStatus">Its statuses.</typeparam>
public abstract class CaseRecord<TEvent, TKind, TStatus> : IAssignableCase
    where TEvent : TimelineEvent<TKind, TStatus>
    where TKind : struct, Enum
    where TStatus : struct, Enum
{
    /// <summary>The case's timeline, in order; EF Core reads and appends it through this field.</summary>
    private readonly List<TEvent> _events = [];

    public Guid Id { get; protected set; }

    /// <summary>Human-readable number, given by the database (shown with the case kind's prefix, e.g. RF-123).</summary>
    public long Number { get; private set; }

    public Guid? AssigneeId { get; private set; }

    public string? AssigneeName { get; private set; }

    public Guid? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The decision's reason, in words the parties read.</summary>
    public string? DecisionReason { get; private set; }

    /// <summary>The policy settings version the decision was made under.</summary>
    public int? DecisionPolicyVersion { get; private set; }

    public DateTimeOffset UpdatedAt { get; protected set; }

    /// <summary>How many timeline events the case has; the next one takes the next number.</summary>
    public int EventCount { get; private set; }

    /// <summary>The row version: a change made from a stale copy is refused.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<TEvent> Events => _events;

    public string Reference => $"{ReferencePrefix}-{Number}";

    /// <summary>The prefix of the case kind's references (RF, AC, RR).</summary>
    protected abstract string ReferencePrefix { get; }

    public abstract void Claim(Actor staff, DateTimeOffset now);

    public abstract void AssignTo(Guid assigneeId, string assigneeName, Actor staff, DateTimeOffset now);

    /// <summary>Gives the case to someone (or no one) and returns the change as timeline values.</summary>
    protected EventValues Assign(Guid? assigneeId, string? assigneeName)
    {
        var change = EventValues.Change(EventValue.Assignee, AssigneeName, assigneeName);
        AssigneeId = assigneeId;
        AssigneeName = assigneeName;
        return change;
    }

    /// <summary>Refuses a claim when someone else has the case.</summary>
    protected void RequireUnclaimedOrMine(Actor staff, string rule, string caseNoun) =>
        DomainRuleException.Check(
            AssigneeId is null || AssigneeId == staff.UserId,
            rule,
            $"{AssigneeName} already has this {caseNoun}.");

    /// <summary>Records who decided, when, why and under which policy version.</summary>
    protected void Decided(string reason, Actor staff, int? policyVersion, DateTimeOffset now)
    {
        DecisionReason = reason.Trim();
        DecidedById = staff.UserId;
        DecidedByName = staff.DisplayName;
        DecidedAt = now;
        DecisionPolicyVersion = policyVersion;
    }

    /// <summary>Takes a decision back (a reopened case is undecided again).</summary>
    protected void Undecided()
    {
        DecisionReason = null;
        DecidedById = null;
        DecidedByName = null;
        DecidedAt = null;
        DecisionPolicyVersion = null;
    }

    /// <summary>Appends an event to the timeline: the next sequence number, and the case counts as changed now.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="actor">Who did it.</param>
    /// <param name="now">The clock.</param>
    /// <param name="from">The status before.</param>
    /// <param name="to">The status after.</param>
    /// <param name="text">What the person wrote, if anything; never a sentence of ours.</param>
    /// <param name="values">The event's facts (amounts, times, names, from → to), rendered in words where it is shown.</param>
    /// <param name="audience">Who may read it besides staff.</param>
    protected void Record(TKind kind, Actor actor, DateTimeOffset now, TStatus? from, TStatus? to, string? text = null, EventValues? values = null, EventAudience audience = EventAudience.Parties)
    {
        UpdatedAt = now;
        EventCount++;
        _events.Add(NewEvent(EventCount, kind, actor, now, from, to, text, values is { IsEmpty: false } ? values : null, audience));
    }

    /// <summary>Makes the case kind's event row.</summary>
    protected abstract TEvent NewEvent(int sequence, TKind kind, Actor actor, DateTimeOffset at, TStatus? from, TStatus? to, string? text, EventValues? values, EventAudience audience);
}
