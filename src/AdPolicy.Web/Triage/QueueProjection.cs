using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Triage;

/// <summary>Writes each changed case's queue row in the same SaveChanges as the case itself.</summary>
public static class QueueProjection
{
    public static async Task SyncAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // A new case's number (its reference) would otherwise come from the column default during the INSERT,
        // after its queue row was written: take it from the same sequence first so the row shows the real reference.
        foreach (var added in db.ChangeTracker.Entries<RefundRequest>().Where(e => e.State == EntityState.Added && e.Entity.Number == 0).ToList())
        {
            added.Property(r => r.Number).CurrentValue = await db.Database
                .SqlQueryRaw<long>("SELECT nextval('refund_number_seq') AS \"Value\"")
                .SingleAsync(cancellationToken);
        }

        var changes = db.ChangeTracker.Entries<RefundRequest>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => Describe(e.Entity))
            .ToList();
        foreach (var change in changes)
        {
            await ApplyAsync(db, change, cancellationToken);
        }
    }

    public static QueueRow Describe(RefundRequest r) => new(
        r.Id,
        CaseKind.RefundRequest,
        r.IsOpen,
        r.Reference,
        r.OrganisationId,
        r.CampaignExternalId,
        r.Status.ToString(),
        r.Reason.ToString(),
        r.AssigneeId,
        r.AssigneeName,
        r.FiledAt,
        r.ClockDueAt,
        r.FollowUpCount,
        r.LastFollowUpAt,
        OverdueForReview: false,
        r.UpdatedAt);

    public static async Task ApplyAsync(AppDbContext db, QueueRow row, CancellationToken cancellationToken)
    {
        var item = db.QueueItems.Local.FirstOrDefault(q => q.CaseId == row.CaseId)
            ?? await db.QueueItems.FirstOrDefaultAsync(q => q.CaseId == row.CaseId, cancellationToken);
        if (!row.IsOpen)
        {
            if (item is not null)
            {
                db.QueueItems.Remove(item);
            }

            return;
        }

        if (item is null)
        {
            item = new QueueItem { CaseId = row.CaseId };
            db.QueueItems.Add(item);
        }

        item.Kind = row.Kind;
        item.Reference = row.Reference;
        item.OrganisationId = row.OrganisationId;
        item.Subject = row.Subject;
        item.Status = row.Status;
        item.Reason = row.Reason;
        item.AssigneeId = row.AssigneeId;
        item.AssigneeName = row.AssigneeName;
        item.FiledAt = row.FiledAt;
        item.ClockDueAt = row.ClockDueAt;
        item.SortDue = row.ClockDueAt ?? QueueItem.NoClock;
        item.FollowUpCount = row.FollowUpCount;
        item.LastFollowUpAt = row.LastFollowUpAt;
        item.OverdueForReview = row.OverdueForReview;
        item.UpdatedAt = row.UpdatedAt;
    }
}

public sealed record QueueRow(
    Guid CaseId,
    CaseKind Kind,
    bool IsOpen,
    string Reference,
    Guid OrganisationId,
    string Subject,
    string Status,
    string? Reason,
    Guid? AssigneeId,
    string? AssigneeName,
    DateTimeOffset FiledAt,
    DateTimeOffset? ClockDueAt,
    int FollowUpCount,
    DateTimeOffset? LastFollowUpAt,
    bool OverdueForReview,
    DateTimeOffset UpdatedAt);
