namespace AdPolicy.Domain.Common;

public enum ActorKind
{
    Advertiser,
    Staff,
    Complainant,
    System,
}

/// <summary>Who did something: recorded on every timeline and audit entry.</summary>
public sealed record Actor(Guid? UserId, string DisplayName, ActorKind Kind)
{
    public static readonly Actor System = new(null, "AdPolicy", ActorKind.System);

    public static Actor Advertiser(Guid userId, string name) => new(userId, name, ActorKind.Advertiser);

    public static Actor Staff(Guid userId, string name) => new(userId, name, ActorKind.Staff);
}
