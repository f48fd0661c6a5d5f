using AdPolicy.Domain.Ace;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Data;

/// <summary>
/// Takes a new case's number from its sequence as soon as it is added, so its reference (AC-1001, VI-1001) exists
/// before any notice, email or queue row quotes it. A number taken by a transaction that rolls back is simply skipped.
/// </summary>
public static class CaseNumbers
{
    public static async Task NumberAsync(this AppDbContext db, AceComplaint complaint, CancellationToken cancellationToken)
    {
        if (complaint.Number == 0)
        {
            db.Entry(complaint).Property(c => c.Number).CurrentValue = await NextAsync(db, "ace_complaint_number_seq", cancellationToken);
        }
    }

    public static async Task NumberAsync(this AppDbContext db, Violation violation, CancellationToken cancellationToken)
    {
        if (violation.Number == 0)
        {
            db.Entry(violation).Property(v => v.Number).CurrentValue = await NextAsync(db, "violation_number_seq", cancellationToken);
        }
    }

    private static Task<long> NextAsync(AppDbContext db, string sequence, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\"").SingleAsync(cancellationToken);
}
