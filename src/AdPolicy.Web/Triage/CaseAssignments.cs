using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdPolicy.Web.Triage;

public sealed record AssignmentResult(bool Succeeded, string Message);

/// <summary>
/// Claiming and assigning, for every kind of case. Two people claiming at once: the row version lets one win;
/// the other is told who has the case.
/// </summary>
public sealed class CaseAssignments(AppDbContext db, TimeProvider clock)
{
    public Task<AssignmentResult> ClaimAsync(CaseKind kind, Guid caseId, Actor staff, CancellationToken cancellationToken) =>
        ChangeAsync(kind, caseId, c => c.Claim(staff, clock.GetUtcNow()), c => $"You now have {c.Reference}.", cancellationToken);

    public Task<AssignmentResult> AssignAsync(CaseKind kind, Guid caseId, StaffMember assignee, Actor staff, CancellationToken cancellationToken) =>
        ChangeAsync(kind, caseId, c => c.AssignTo(assignee.Id, assignee.Name, staff, clock.GetUtcNow()), c => $"{c.Reference} is now with {assignee.Name}.", cancellationToken);

    private async Task<AssignmentResult> ChangeAsync(
        CaseKind kind,
        Guid caseId,
        Action<IAssignableCase> change,
        Func<IAssignableCase, string> done,
        CancellationToken cancellationToken)
    {
        var found = await LoadAsync(kind, caseId, cancellationToken);
        if (found is null)
        {
            return new AssignmentResult(false, "That case no longer exists.");
        }

        try
        {
            change(found);
            await db.SaveChangesAsync(cancellationToken);
            return new AssignmentResult(true, done(found));
        }
        catch (DomainRuleException rule)
        {
            db.ChangeTracker.Clear();
            return new AssignmentResult(false, $"{found.Reference}: {rule.Message}");
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException
            || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            // The row version, or the timeline's (case, sequence) key when the other claim's event went in first.
            db.ChangeTracker.Clear();
            var current = await LoadAsync(kind, caseId, cancellationToken);
            var who = current?.AssigneeName is { } name ? $"{name} has it now" : "it changed meanwhile";
            return new AssignmentResult(false, $"{found.Reference}: someone else acted on this case first; {who}.");
        }
    }

    private async Task<IAssignableCase?> LoadAsync(CaseKind kind, Guid caseId, CancellationToken cancellationToken) => kind switch
    {
        CaseKind.RefundRequest => await db.RefundRequests.FirstOrDefaultAsync(r => r.Id == caseId, cancellationToken),
        CaseKind.AceComplaint => await db.AceComplaints.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken),
        CaseKind.ReviewRequest => await db.ReviewRequests.FirstOrDefaultAsync(r => r.Id == caseId, cancellationToken),
        _ => null,
    };
}
