using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Notifications;
using Npgsql;

namespace AdPolicy.Web.Queue;

public sealed record AssignmentResult(bool Succeeded, string Message, string? Reference = null);

/// <summary>
/// Claiming and assigning, for every kind of case. Two people claiming at once: the row version lets one win;
/// the other is told who has the case.
/// </summary>
public sealed class CaseAssignments(AppDbContext db, TimeProvider clock, Notifications.Notifier notifier)
{
    public Task<AssignmentResult> ClaimAsync(CaseKind kind, Guid caseId, Actor staff, CancellationToken cancellationToken) =>
        ChangeAsync(kind, caseId, c => c.Claim(staff, clock.GetUtcNow()), c => $"You now have {c.Reference}.", cancellationToken);

    /// <summary>
    /// Gives a case to a colleague. Both must work that kind of case: support agents (and admins) refunds and
    /// complaints, reviewers (and admins) appeals.
    /// </summary>
    public async Task<AssignmentResult> AssignAsync(CaseKind kind, Guid caseId, StaffMember assignee, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var roles = HandledBy(kind);
        if (!roles.Any(actor.IsInRole))
        {
            return new AssignmentResult(false, $"Only {Describe(roles)} give out {Plural(kind)}.");
        }

        var assigneeRoles = await (from userRole in db.UserRoles
                                   join role in db.Roles on userRole.RoleId equals role.Id
                                   where userRole.UserId == assignee.Id
                                   select role.Name).ToListAsync(cancellationToken);
        if (!roles.Any(assigneeRoles.Contains))
        {
            return new AssignmentResult(false, $"{assignee.Name} cannot take {Plural(kind)}: only {Describe(roles)} work them.");
        }

        var staff = actor.AsStaff();
        return await ChangeAsync(kind, caseId, c => c.AssignTo(assignee.Id, assignee.Name, staff, clock.GetUtcNow()), c => $"{c.Reference} is now with {assignee.Name}.", cancellationToken);
    }

    /// <summary>
    /// Gives one case to the colleague chosen on its page, and tells them in the app with a link to
    /// <paramref name="casePage"/>: one step for every case page.
    /// </summary>
    public async Task<AssignmentResult> GiveAsync(CaseKind kind, Guid caseId, Guid? assigneeId, ClaimsPrincipal actor, string casePage, CancellationToken cancellationToken)
    {
        var assignee = (await StaffDirectory.ListAsync(db)).FirstOrDefault(s => s.Id == assigneeId);
        if (assignee is null)
        {
            return new AssignmentResult(false, $"Choose the colleague to give the {Singular(kind)} to.");
        }

        var result = await AssignAsync(kind, caseId, assignee, actor, cancellationToken);
        if (result.Succeeded)
        {
            await notifier.NotifyAsync(
                assignee.Id,
                () => (
                    NoticeWords.Get(kind switch
                    {
                        CaseKind.RefundRequest => "A refund case was given to you",
                        CaseKind.AceComplaint => "A complaint was given to you",
                        _ => "An appeal was given to you",
                    }),
                    NoticeWords.Format("{0} is now with {1}.", result.Reference!, assignee.Name)),
                casePage,
                email: false,
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The roles that work a kind of case.</summary>
    public static string[] HandledBy(CaseKind kind) => kind == CaseKind.ReviewRequest
        ? [Roles.Reviewer, Roles.Admin]
        : [Roles.Support, Roles.Admin];

    private static string Singular(CaseKind kind) => kind switch
    {
        CaseKind.RefundRequest => "refund case",
        CaseKind.AceComplaint => "complaint",
        _ => "appeal",
    };

    private static string Plural(CaseKind kind) => kind switch
    {
        CaseKind.RefundRequest => "refund cases",
        CaseKind.AceComplaint => "complaints",
        _ => "appeals",
    };

    private static string Describe(string[] roles) => string.Join(" and ", roles.Select(r => r == Roles.Support ? "support agents" : r == Roles.Reviewer ? "reviewers" : "admins"));

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
            return new AssignmentResult(true, done(found), found.Reference);
        }
        catch (DomainRuleException rule)
        {
            db.ChangeTracker.Clear();
            return new AssignmentResult(false, $"{found.Reference}: {Sentences.Of(rule)}");
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
