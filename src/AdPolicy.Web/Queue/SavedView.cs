namespace AdPolicy.Web.Queue;

/// <summary>A member of staff's named queue filter ("my overdue", "IP complaints unassigned"), kept as its query string.</summary>
public sealed class SavedView
{
    public const int NameMaxLength = 80;

    public const int QueryMaxLength = 1000;

    public const int PerUser = 20;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The filter as a query string for /Staff/Queue, e.g. <c>Filter.Assignee=mine&amp;Filter.Overdue=true</c>.</summary>
    public string Query { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
