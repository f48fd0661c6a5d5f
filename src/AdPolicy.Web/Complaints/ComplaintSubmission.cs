namespace AdPolicy.Web.Complaints;

/// <summary>
/// One sending of a complaint form (public or staff): the form carries a random submission key, and the complaint it
/// filed is recorded under the key's hash in the same transaction. A double submit, or two identical posts at once (the
/// second waits on the key's lock), finds this row and answers with the same complaint instead of filing a second one.
/// </summary>
public sealed class ComplaintSubmission
{
    private ComplaintSubmission()
    {
        KeyHash = string.Empty;
    }

    public ComplaintSubmission(string keyHash, Guid complaintId, DateTimeOffset at)
    {
        KeyHash = keyHash;
        ComplaintId = complaintId;
        At = at;
    }

    /// <summary>SHA-256 of the form's key (the key itself lives only in the complainant's form).</summary>
    public string KeyHash { get; private set; }

    public Guid ComplaintId { get; private set; }

    public DateTimeOffset At { get; private set; }
}
