namespace AdPolicy.Domain.Common;

/// <summary>
/// One line of a case's timeline and audit trail, whatever the case: who (and in what role), when, what kind of
/// event, the status it moved from and to, what they wrote, and the event's facts as <see cref="Values"/> (amounts,
/// times, names, from → to) that pages render in words in the reader's language. No sentence of ours is stored; rows
/// written before that kept one in <see cref="Text"/>, and are shown as they were. <see cref="Sequence"/> orders the
/// events of one case (the events of one action share a time). The rows are append-only.
/// </summary>
/// <typeparam name="TKind">The case's kinds of event.</typeparam>
/// <typeparam name="TStatus">The case's statuses.</typeparam>
public abstract class TimelineEvent<TKind, TStatus>
    where TKind : struct, Enum
    where TStatus : struct, Enum
{
    protected TimelineEvent()
    {
        ActorName = string.Empty;
    }

    /// <summary>The most a person may write into one event (the column's size).</summary>
    public const int MaxTextLength = 8000;

    protected TimelineEvent(int sequence, TKind kind, Actor actor, DateTimeOffset at, TStatus? from, TStatus? to, string? text, EventValues? values = null)
    {
        DomainRuleException.Check(
            text is null || text.Length <= MaxTextLength,
            RuleCodes.TextTooLong,
            $"Write at most {MaxTextLength} characters; this text has {text?.Length}.");
        Id = Guid.CreateVersion7(at);
        Sequence = sequence;
        Kind = kind;
        ActorId = actor.UserId;
        ActorName = actor.DisplayName;
        ActorKind = actor.Kind;
        At = at;
        FromStatus = from;
        ToStatus = to;
        Text = text;
        Values = values is null ? null : new Dictionary<string, string>(values.AsDictionary(), StringComparer.Ordinal);
    }

    public Guid Id { get; private set; }

    /// <summary>The event's place in its case's timeline (1, 2, …).</summary>
    public int Sequence { get; private set; }

    public TKind Kind { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public DateTimeOffset At { get; private set; }

    public TStatus? FromStatus { get; private set; }

    public TStatus? ToStatus { get; private set; }

    /// <summary>What the person wrote (a description, question, answer, reason, note), if anything.</summary>
    public string? Text { get; private set; }

    /// <summary>The event's facts by name (see <see cref="EventValue"/>), or null when it has none.</summary>
    public IReadOnlyDictionary<string, string>? Values { get; private set; }

    /// <summary>
    /// What the event did, as a list of <see cref="Fact"/>s, when one value each is not enough (what a lift restored);
    /// null for most events.
    /// </summary>
    public IReadOnlyList<Fact>? Facts { get; private set; }

    /// <summary>One of the event's values, or null.</summary>
    public string? Value(string key) => Values is { } values && values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Gives a just-recorded event its <see cref="Facts"/>.</summary>
    internal void Said(IReadOnlyList<Fact> facts) => Facts = [.. facts];

    /// <summary>True when the event moved the case to another status.</summary>
    public bool ChangedStatus => ToStatus is { } to && !Equals(FromStatus, to);
}
