namespace AdPolicy.Domain.Common;

/// <summary>A case staff can claim or be given: refund requests, ACE complaints, review requests.</summary>
public interface IAssignableCase
{
    string Reference { get; }

    Guid? AssigneeId { get; }

    string? AssigneeName { get; }

    void Claim(Actor staff, DateTimeOffset now);

    void AssignTo(Guid assigneeId, string assigneeName, Actor staff, DateTimeOffset now);
}
