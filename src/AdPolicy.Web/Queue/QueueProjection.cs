using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Queue;

/// <summary>Writes each changed case's queue row in the same SaveChanges as the case itself.</summary>
public static class QueueProjection
{
    /// <param name="db">The context whose tracked changes are saved next.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="leaving">
    /// Given by a set-based writer (<see cref="BulkWriter"/>): complaints of a batch that leave the queue have their case
    /// ids added here instead of their rows read and removed, and the writer deletes those rows in its own statement.
    /// </param>
    public static async Task SyncAsync(AppDbContext db, CancellationToken cancellationToken, ICollection<Guid>? leaving = null)
    {
        // A new case's number comes from its sequence; take it now so its queue row shows the real reference.
        foreach (var entry in db.ChangeTracker.Entries<RefundRequest>().Where(e => e.State == EntityState.Added && e.Entity.Number == 0).ToList())
        {
            entry.Property(r => r.Number).CurrentValue = await NextAsync(db, "refund_number_seq", cancellationToken);
        }

        foreach (var entry in db.ChangeTracker.Entries<AceComplaint>().Where(e => e.State == EntityState.Added && e.Entity.Number == 0).ToList())
        {
            entry.Property(c => c.Number).CurrentValue = await NextAsync(db, "ace_complaint_number_seq", cancellationToken);
        }

        foreach (var entry in db.ChangeTracker.Entries<ReviewRequest>().Where(e => e.State == EntityState.Added && e.Entity.Number == 0))
        {
            entry.Property(r => r.Number).CurrentValue = await NextAsync(db, "review_request_number_seq", cancellationToken);
        }

        var changes = db.ChangeTracker.Entries<RefundRequest>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => Describe(e.Entity))
            .Concat(db.ChangeTracker.Entries<ReviewRequest>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified)
                .Select(e => Describe(e.Entity)))
            .ToList();
        foreach (var change in changes)
        {
            await ApplyAsync(db, change, cancellationToken);
        }

        var complaints = await ChangedComplaintsAsync(db, cancellationToken);
        if (complaints.Count <= 1)
        {
            foreach (var complaint in complaints)
            {
                await ApplyAsync(db, Describe(complaint, LeavesTheQueue(complaint) ? null : await EarliestPendingDeadlineAsync(db, complaint.Id, cancellationToken)), cancellationToken);
            }

            return;
        }

        // Many complaints in one save (a sweep's batch): their deadlines and queue rows in two queries, not two per complaint;
        // the deadlines only of those that stay in the queue (a decided complaint's row is removed, its clock not read).
        // A set-based writer deletes the rows of those leaving by case id (a decided complaint's row is normally gone
        // already), so only the rows of those staying are read; one round trip less a batch of upheld deadlines.
        var items = new Dictionary<Guid, QueueItem>();
        foreach (var item in db.ChangeTracker.Entries<QueueItem>().Where(e => e.State != EntityState.Deleted))
        {
            items.TryAdd(item.Entity.CaseId, item.Entity);
        }

        if (leaving is not null)
        {
            foreach (var complaint in complaints.Where(c => LeavesTheQueue(c) && !items.ContainsKey(c.Id)))
            {
                leaving.Add(complaint.Id);
            }

            complaints = complaints.Where(c => !leaving.Contains(c.Id)).ToList();
        }

        var ids = complaints.Select(c => c.Id).Where(id => !items.ContainsKey(id)).ToList();
        var open = complaints.Where(c => !LeavesTheQueue(c)).Select(c => c.Id).ToList();
        var earliest = open.Count == 0 ? [] : await EarliestPendingDeadlinesAsync(db, open, cancellationToken);
        if (ids.Count > 0)
        {
            await foreach (var item in db.QueueItems.Where(q => ids.Contains(q.CaseId)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                items.TryAdd(item.CaseId, item);
            }
        }

        foreach (var complaint in complaints)
        {
            await ApplyAsync(db, Describe(complaint, earliest.GetValueOrDefault(complaint.Id)), cancellationToken, items);
        }
    }

    /// <summary><see cref="EarliestPendingDeadlineAsync"/> for many complaints at once.</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset?>> EarliestPendingDeadlinesAsync(AppDbContext db, List<Guid> complaintIds, CancellationToken cancellationToken)
    {
        var wanted = complaintIds.ToHashSet();
        var tracked = db.ChangeTracker.Entries<Deadline>()
            .Where(e => e.State != EntityState.Deleted && e.Entity.ComplaintId is { } c && wanted.Contains(c))
            .Select(e => e.Entity)
            .ToList();
        var trackedIds = tracked.Select(d => d.Id).ToList();
        var stored = await db.Deadlines.AsNoTracking()
            .Where(d => d.ComplaintId != null && complaintIds.Contains(d.ComplaintId.Value) && d.State == DeadlineState.Pending && !trackedIds.Contains(d.Id))
            .GroupBy(d => d.ComplaintId!.Value)
            .Select(g => new { ComplaintId = g.Key, DueAt = g.Min(d => d.DueAt) })
            .ToDictionaryAsync(x => x.ComplaintId, x => (DateTimeOffset?)x.DueAt, cancellationToken);
        return complaintIds.ToDictionary(
            id => id,
            id => tracked.Where(d => d.ComplaintId == id && d.IsPending).Select(d => (DateTimeOffset?)d.DueAt).Append(stored.GetValueOrDefault(id)).Min());
    }

    private static Task<long> NextAsync(AppDbContext db, string sequence, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>
    /// An open complaint's clock is its earliest pending deadline (counted from filing), so a complaint whose deadline
    /// fell due before anyone decided it sits at the top of the queue as overdue. A contested rejection is back in the
    /// queue until a second staff member reviews it.
    /// </summary>
    public static QueueRow Describe(AceComplaint c, DateTimeOffset? earliestPendingDeadline) => new(
        c.Id,
        CaseKind.AceComplaint,
        c.IsAwaitingDecision || c.Status == ComplaintStatus.Contested,
        c.Reference,
        c.OrganisationId,
        ProhibitedCategories.Label(c.Category),
        c.Status.ToString(),
        c.Type.ToString(),
        c.AssigneeId,
        c.AssigneeName,
        c.FiledAt,
        earliestPendingDeadline,
        FollowUpCount: 0,
        LastFollowUpAt: null,
        c.OverdueForReview,
        c.UpdatedAt,
        c.PromotionId,
        c.AdId,
        c.ComplainantEmail);

    /// <summary>Whether the complaint's queue row goes (it is not open), which its clock plays no part in deciding.</summary>
    private static bool LeavesTheQueue(AceComplaint complaint) => !Describe(complaint, null).IsOpen;

    /// <summary>Complaints changed in this save, and those whose deadlines changed (met, cancelled, added).</summary>
    private static async Task<List<AceComplaint>> ChangedComplaintsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries<AceComplaint>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity)
            .ToList();
        var viaDeadlines = db.ChangeTracker.Entries<Deadline>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.ComplaintId is not null)
            .Select(e => e.Entity.ComplaintId!.Value)
            .Distinct()
            .Where(id => changed.All(c => c.Id != id))
            .ToList();
        foreach (var id in viaDeadlines)
        {
            var complaint = (db.AceComplaints.Local.FindEntry(id) is { State: not EntityState.Deleted } entry ? entry.Entity : null)
                ?? await db.AceComplaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (complaint is not null)
            {
                changed.Add(complaint);
            }
        }

        return changed;
    }

    private static async Task<DateTimeOffset?> EarliestPendingDeadlineAsync(AppDbContext db, Guid complaintId, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<Deadline>()
            .Where(e => e.State != EntityState.Deleted && e.Entity.ComplaintId == complaintId)
            .Select(e => e.Entity)
            .ToList();
        var trackedIds = tracked.Select(d => d.Id).ToList();
        var stored = await db.Deadlines.AsNoTracking()
            .Where(d => d.ComplaintId == complaintId && d.State == DeadlineState.Pending && !trackedIds.Contains(d.Id))
            .MinAsync(d => (DateTimeOffset?)d.DueAt, cancellationToken);
        return tracked.Where(d => d.IsPending).Select(d => (DateTimeOffset?)d.DueAt).Append(stored).Min();
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
        r.UpdatedAt,
        r.PromotionId,
        AdId: null,
        ExtraTerms: null);

    /// <summary>
    /// A review request reaches the queue once submitted (a draft is the advertiser's own); its clock is the review
    /// target, paused (no due time) while the appeal waits on the advertiser to replace rejected evidence.
    /// </summary>
    public static QueueRow Describe(ReviewRequest r) => new(
        r.Id,
        CaseKind.ReviewRequest,
        r.Status is ReviewStatus.Submitted or ReviewStatus.InReview or ReviewStatus.AwaitingAdvertiser,
        r.Reference,
        r.OrganisationId,
        $"{r.SubjectKind} appeal",
        r.Status.ToString(),
        r.IssueType.ToString(),
        r.AssigneeId,
        r.AssigneeName,
        r.SubmittedAt ?? r.CreatedAt,
        r.Status is ReviewStatus.Submitted or ReviewStatus.InReview ? r.ReviewDueAt : null,
        FollowUpCount: 0,
        LastFollowUpAt: null,
        OverdueForReview: false,
        r.UpdatedAt,
        PromotionId: null,
        AdId: null,
        ExtraTerms: null);

    /// <param name="db">The context the case is saved with.</param>
    /// <param name="row">What the case looks like now.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="known">The queue rows already loaded by case (a batch's): a case not in it has none.</param>
    public static async Task ApplyAsync(AppDbContext db, QueueRow row, CancellationToken cancellationToken, IReadOnlyDictionary<Guid, QueueItem>? known = null)
    {
        var item = known is not null
            ? known.GetValueOrDefault(row.CaseId)
            : db.QueueItems.Local.FirstOrDefault(q => q.CaseId == row.CaseId)
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
        item.SortDue = QueueItem.SortKey(row.ClockDueAt, row.OverdueForReview, row.FiledAt);
        item.FollowUpCount = row.FollowUpCount;
        item.LastFollowUpAt = row.LastFollowUpAt;
        item.OverdueForReview = row.OverdueForReview;
        item.UpdatedAt = row.UpdatedAt;
        item.SearchText = await SearchTextAsync(db, row, cancellationToken);
    }

    /// <summary>
    /// Everything staff may type to find the case, lower-cased in one column: its reference, the advertiser's name, the
    /// campaign id and the ids of its ads (or the one ad complained of), and the complainant's email. Served by the
    /// trigram and full-text indexes of the Desk migration.
    /// </summary>
    private static async Task<string> SearchTextAsync(AppDbContext db, QueueRow row, CancellationToken cancellationToken)
    {
        var terms = new List<string> { row.Reference };
        terms.AddRange(await db.Organisations.AsNoTracking().Where(o => o.Id == row.OrganisationId).Select(o => o.Name).ToListAsync(cancellationToken));
        if (row.PromotionId is { } promotionId)
        {
            terms.AddRange(await db.Promotions.AsNoTracking().Where(p => p.Id == promotionId).Select(p => p.ExternalCampaignId).ToListAsync(cancellationToken));
            terms.AddRange(await db.Ads.AsNoTracking()
                .Where(a => row.AdId == null ? a.PromotionId == promotionId : a.Id == row.AdId)
                .OrderBy(a => a.ExternalAdId).Select(a => a.ExternalAdId).Take(50).ToListAsync(cancellationToken));
        }

        if (!string.IsNullOrWhiteSpace(row.ExtraTerms))
        {
            terms.Add(row.ExtraTerms);
        }

        var text = string.Join(' ', terms).ToLowerInvariant();
        return text.Length <= QueueItem.SearchTextMaxLength ? text : text[..QueueItem.SearchTextMaxLength];
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
    DateTimeOffset UpdatedAt,
    Guid? PromotionId,
    Guid? AdId,
    string? ExtraTerms);
