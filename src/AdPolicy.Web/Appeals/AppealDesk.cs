using System.Globalization;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Evidence;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Storage;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Appeals;

/// <summary>
/// What happens around a review request beyond the aggregate: its evidence read from the files themselves and checked
/// (SPEC 4), the files kept in the shared evidence store, and on approval the penalty lifted exactly as a withdrawn
/// complaint lifts it. The rules are the domain's; this class measures, calls them and saves once.
/// </summary>
public sealed class AppealDesk(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    AppealSubjects subjects,
    EnforcementDesk enforcement,
    IEvidenceStore store,
    Notifier notifier,
    Webhooks.WebhookPublisher webhooks,
    IOptions<UploadLimits> limits,
    IValidator<EvidenceFields> fieldsValidator)
{
    public const string FileField = "Evidence.File";
    public const string DocumentField = "Evidence.Document";

    public static string AdvertiserPage(Guid id) => $"/Appeals/Details/{id}";

    /// <summary>What each file field of an item's upload form may hold; the per-kind limits come from configuration.</summary>
    public FileRule? RuleFor(EvidenceKind kind, string field)
    {
        var format = RequirementMatrix.Requirement(kind, PolicySettings.Defaults).Format;
        var documents = CaseAttachments.DocumentKinds;
        return (field, format) switch
        {
            (FileField, EvidenceFormat.OrderList or EvidenceFormat.LogisticsAndBusinessDocument) =>
                new FileRule(new HashSet<FileKind>(FileSniffer.AcceptedFor(format)), limits.Value.OrderListMaxBytes),
            (FileField, EvidenceFormat.Video) => new FileRule(new HashSet<FileKind>(FileSniffer.AcceptedFor(format)), limits.Value.VideoMaxBytes),
            (FileField, EvidenceFormat.Certificate) => new FileRule(documents, limits.Value.DocumentMaxBytes),
            (DocumentField, EvidenceFormat.LogisticsAndBusinessDocument) => new FileRule(documents, limits.Value.DocumentMaxBytes),
            _ => null,
        };
    }

    /// <summary>The largest request an item's upload form can make: its files' limits plus room for the fields.</summary>
    public long MaxRequestBytes(EvidenceKind kind) =>
        new[] { FileField, DocumentField }.Sum(f => RuleFor(kind, f)?.MaxBytes ?? 0) + StreamedUploadReader.FormOverheadBytes;

    /// <summary>Opens a draft appeal against a penalty of the advertiser's own organisation. Refusals go into <paramref name="errors"/>.</summary>
    public async Task<ReviewRequest?> CreateAsync(
        Guid organisationId,
        SubjectKind subjectKind,
        Guid subjectId,
        IssueType issueType,
        string statement,
        Actor advertiser,
        FieldErrors errors,
        CancellationToken cancellationToken)
    {
        var subject = await subjects.FindAsync(organisationId, subjectKind, subjectId, cancellationToken);
        if (subject is null)
        {
            errors.Add(string.Empty, "That penalty is not on your record. Open the review request from your ACE page.");
            return null;
        }

        if (!subject.InForce)
        {
            errors.Add(string.Empty, "That penalty was already removed or lifted, so there is nothing to review.");
            return null;
        }

        var open = ReviewRequest.OpenStates.ToList();
        var existing = await db.ReviewRequests.AsNoTracking()
            .Where(r => r.SubjectId == subjectId && r.OrganisationId == organisationId && open.Contains(r.Status))
            .Select(r => (long?)r.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is { } number)
        {
            errors.Add(string.Empty, $"Review request {ReviewRequest.FormatReference(number)} is already open for this penalty; add your evidence there.");
            return null;
        }

        try
        {
            var request = ReviewRequest.Create(
                organisationId, subject.AdAccountId, subjectKind, subjectId, issueType,
                issueType == IssueType.BusinessModel && subject.PenaltyFromRefusedRefund, statement, advertiser, clock.GetUtcNow());
            db.ReviewRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            return request;
        }
        catch (DomainRuleException rule)
        {
            db.ChangeTracker.Clear();
            errors.Add(string.Empty, Sentences.Of(rule));
            return null;
        }
    }

    /// <summary>
    /// Measures the uploaded evidence for one checklist item and attaches it with its automatic result. Input that is not
    /// evidence at all (wrong content, unreadable rows, missing certificate details) is refused with nothing kept; evidence
    /// that is readable but not enough is kept and its check says what is missing. Returns the status line, or null.
    /// </summary>
    public async Task<string?> AttachAsync(
        ReviewRequest request,
        EvidenceKind kind,
        StreamedForm form,
        Actor actor,
        FieldErrors errors,
        CancellationToken cancellationToken)
    {
        foreach (var (field, message) in form.Errors)
        {
            errors.Add(field, message);
        }
        var item = request.Items.FirstOrDefault(i => i.Kind == kind);
        if (item is null)
        {
            errors.Add(string.Empty, $"This review request does not ask for {RequirementMatrix.Title(kind).ToLowerInvariant()}.");
            return null;
        }

        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var format = RequirementMatrix.Requirement(kind, policy).Format;
        var fields = new EvidenceFields(format, form.Field("Evidence.Authority"), form.Field("Evidence.Number"), form.Field("Evidence.ValidFrom"), form.Field("Evidence.ValidTo"), form.Field("Evidence.Description"))
        {
            HasNewDocument = form.File(DocumentField) is not null,
            HasDocument = form.File(DocumentField) is not null || item.SupportingFileId is not null,
        };
        var main = form.File(FileField);
        var document = form.File(DocumentField);
        if (errors.IsValid)
        {
            if (main is null && !(format == EvidenceFormat.LogisticsAndBusinessDocument && document is not null && item.EvidenceFileId is not null))
            {
                errors.Add(FileField, format == EvidenceFormat.LogisticsAndBusinessDocument && item.EvidenceFileId is null
                    ? "Choose the logistics list (CSV) to upload; the business document can come with it or later."
                    : "Choose the file to upload.");
            }

            await errors.ValidateAsync(fieldsValidator, fields, "Evidence");
        }

        if (!errors.IsValid)
        {
            return null;
        }

        var result = format switch
        {
            EvidenceFormat.OrderList => await CheckOrderListAsync(main!.Value.Blob, kind, request, policy, errors, cancellationToken),
            EvidenceFormat.Video => await CheckVideoAsync(main!.Value.Blob, policy, errors, cancellationToken),
            EvidenceFormat.Certificate => EvidenceRules.CheckCertificate(fields.Certificate()!, await SuspensionDateAsync(request, cancellationToken)),
            EvidenceFormat.LogisticsAndBusinessDocument => await CheckLegitimacyAsync(main?.Blob, item, fields, request, policy, errors, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown evidence format {format}."),
        };
        if (result is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var mainId = main is { } m ? await KeepAsync(m, request, actor, now, cancellationToken) : item.EvidenceFileId!.Value;
        var documentId = document is { } d ? await KeepAsync(d, request, actor, now, cancellationToken) : item.SupportingFileId;
        var details = new EvidenceDetails(fields.Certificate(), format == EvidenceFormat.LogisticsAndBusinessDocument ? fields.Description : null);
        request.AttachEvidence(kind, mainId, result, actor, now, format == EvidenceFormat.LogisticsAndBusinessDocument ? documentId : null, details);
        await db.SaveChangesAsync(cancellationToken);
        var title = RequirementMatrix.Title(kind);
        return result.Passed
            ? Sentences.Format("{0}: the file was checked and passes. {1}", Sentences.Get(title), Sentences.Join(result.Summary))
            : Sentences.Format("{0}: the file was kept, but it does not pass yet. {1}", Sentences.Get(title), string.Join(" ", result.Findings.Take(3).Select(Sentences.Of)));
    }

    /// <summary>The day the appealed penalty began, from the account's derived standing (the suspension start).</summary>
    public async Task<DateOnly> SuspensionDateAsync(ReviewRequest request, CancellationToken cancellationToken) =>
        (await subjects.FindAsync(request.OrganisationId, request.SubjectKind, request.SubjectId, cancellationToken))?.SuspensionDate
        ?? DateOnly.FromDateTime(request.CreatedAt.UtcDateTime);

    public async Task SubmitAsync(ReviewRequest request, Actor advertiser, CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        request.Submit(advertiser, policy, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The reviewer's verdict on one item. A rejection goes back to the advertiser with the reviewer's note, in the app and
    /// by email, in the same save as the verdict: a second click is refused by the domain (the item is already with the
    /// advertiser) and a concurrent one by the appeal's version, so the advertiser is told once.
    /// </summary>
    public async Task<string> ReviewItemAsync(ReviewRequest request, EvidenceKind kind, ReviewVerdict verdict, string? note, Actor reviewer, CancellationToken cancellationToken)
    {
        request.ReviewItem(kind, verdict, note, reviewer, clock.GetUtcNow());
        var title = RequirementMatrix.Title(kind);
        if (verdict != ReviewVerdict.Rejected)
        {
            await db.SaveChangesAsync(cancellationToken);
            return $"{title} {AppealText.Verdict(verdict)}.";
        }

        var item = request.Item(kind);
        await notifier.NotifyOrganisationAsync(
            request.OrganisationId,
            () => (
                NoticeWords.Format("Review request {0}: {1} rejected, replace it", request.Reference, NoticeWords.Get(title)),
                NoticeWords.Format("The reviewer rejected \"{0}\": {1} Upload a new file for it and resubmit the request; the review clock waits for you.", NoticeWords.Get(title), item.VerdictNote ?? string.Empty)),
            AdvertiserPage(request.Id),
            email: true,
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return $"{title} rejected; the advertiser was told to replace it, and the review clock is paused until they resubmit.";
    }

    /// <summary>The advertiser sends the replaced evidence back; the assigned reviewer is told in the app.</summary>
    public async Task<string> ResubmitAsync(ReviewRequest request, Actor advertiser, CancellationToken cancellationToken)
    {
        request.Resubmit(advertiser, clock.GetUtcNow());
        if (request.AssigneeId is { } reviewerId)
        {
            await notifier.NotifyAsync(
                reviewerId,
                () => (NoticeWords.Format("{0}: replaced evidence to review", request.Reference), NoticeWords.Get("The advertiser replaced the rejected evidence and resubmitted.")),
                $"/Staff/Appeals/Details/{request.Id}",
                email: false,
                cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return $"{request.Reference} was sent back to the reviewer with the replaced evidence.";
    }

    /// <summary>Approves: the violation (and strike) is removed and what rested on it lifted, as for a withdrawn complaint; the advertiser is told.</summary>
    public async Task<string> ApproveAsync(ReviewRequest request, string reason, Actor reviewer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (_, policyVersion) = await policies.CurrentAsync(cancellationToken);
        request.Approve(reason, reviewer, now, policyVersion);
        var why = Fact.Of(FactKind.AppealApproved, EventValues.Of(EventValue.Appeal, request.Reference));
        string lifted;
        var violation = request.SubjectKind == SubjectKind.QualityScoreLimit
            ? null
            : await db.Violations.FirstOrDefaultAsync(v => v.Id == request.SubjectId && v.OrganisationId == request.OrganisationId, cancellationToken);
        if (violation is { IsActive: true })
        {
            await enforcement.RemoveViolationAsync(violation, why, reviewer, null, now, cancellationToken);
            lifted = violation.IsStrike
                ? "The violation and its strike were removed from your record, and what rested on them is lifted."
                : "The violation was removed from your record, and what rested on it is lifted.";
        }
        else if (violation is null && request.SubjectKind is SubjectKind.Suspension or SubjectKind.AdRestriction)
        {
            await enforcement.LiftMissedDeadlinesAsync(d => d.Id == request.SubjectId && d.OrganisationId == request.OrganisationId, request.Reference, why, reviewer, null, now, cancellationToken);
            lifted = "The sanction for the missed deadline is lifted.";
        }
        else if (request.SubjectKind == SubjectKind.QualityScoreLimit)
        {
            lifted = "Staff will record the corrected shop quality score, which lifts the limit on your ads' reach.";
        }
        else
        {
            lifted = "The penalty had already been removed.";
        }

        await notifier.NotifyOrganisationAsync(
            request.OrganisationId,
            () => (NoticeWords.Format("Review request {0} approved", request.Reference), $"{request.DecisionReason} {NoticeWords.Get(lifted)}"),
            AdvertiserPage(request.Id),
            email: true,
            cancellationToken);
        await RaiseDecidedAsync(request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Sentences.Format("{0} approved. {1}", request.Reference, NoticeWords.Get(lifted));
    }

    public async Task<string> DenyAsync(ReviewRequest request, string reason, Actor reviewer, CancellationToken cancellationToken)
    {
        var (_, policyVersion) = await policies.CurrentAsync(cancellationToken);
        request.Deny(reason, reviewer, clock.GetUtcNow(), policyVersion);
        await notifier.NotifyOrganisationAsync(
            request.OrganisationId,
            () => (NoticeWords.Format("Review request {0} denied", request.Reference), $"{request.DecisionReason} {NoticeWords.Get("The penalty stands.")}"),
            AdvertiserPage(request.Id),
            email: true,
            cancellationToken);
        await RaiseDecidedAsync(request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return $"{request.Reference} denied; the advertiser was told.";
    }

    private Task RaiseDecidedAsync(ReviewRequest request, CancellationToken cancellationToken) =>
        webhooks.RaiseAsync(
            Webhooks.WebhookEventTypes.AppealDecided,
            request.OrganisationId,
            new { appealId = request.Id, reference = request.Reference, request.Status, request.SubjectKind, request.SubjectId, request.AdAccountId, request.DecidedAt, request.DecisionReason },
            cancellationToken);

    private async Task<EvidenceCheckResult?> CheckOrderListAsync(
        StagedBlob blob, EvidenceKind kind, ReviewRequest request, PolicySettings policy, FieldErrors errors, CancellationToken cancellationToken)
    {
        await using var csv = await blob.OpenReadAsync(cancellationToken);
        var facts = await OrderListInspector.InspectAsync(csv, cancellationToken);
        return Readable(facts, errors) ? EvidenceRules.CheckOrderList(facts, kind, request.EvidenceReferenceDate, policy) : null;
    }

    private static async Task<EvidenceCheckResult?> CheckVideoAsync(StagedBlob blob, PolicySettings policy, FieldErrors errors, CancellationToken cancellationToken)
    {
        await using var video = await blob.OpenReadAsync(cancellationToken);
        var inspection = VideoInspector.Inspect(video);
        if (inspection.Facts is not { } facts)
        {
            errors.Add(FileField, Sentences.Format("The video was not kept: {0}", Sentences.Of(inspection.Error!)));
            return null;
        }

        return EvidenceRules.CheckVideo(facts, policy);
    }

    /// <summary>The logistics list (new, or the one already attached, read again) and the described business document.</summary>
    private async Task<EvidenceCheckResult?> CheckLegitimacyAsync(
        StagedBlob? newList, ReviewEvidenceItem item, EvidenceFields fields, ReviewRequest request, PolicySettings policy, FieldErrors errors, CancellationToken cancellationToken)
    {
        OrderListFacts facts;
        if (newList is not null)
        {
            await using var csv = await newList.OpenReadAsync(cancellationToken);
            facts = await OrderListInspector.InspectAsync(csv, cancellationToken);
        }
        else
        {
            var kept = await db.EvidenceFiles.AsNoTracking().SingleAsync(f => f.Id == item.EvidenceFileId, cancellationToken);
            await using var csv = await store.OpenReadAsync(kept.Sha256, cancellationToken);
            facts = await OrderListInspector.InspectAsync(csv, cancellationToken);
        }

        if (!Readable(facts, errors))
        {
            return null;
        }

        var document = new BusinessDocumentFacts(fields.HasDocument, fields.HasDocument ? fields.Description : null);
        return EvidenceRules.CheckBusinessLegitimacy(facts, document, request.EvidenceReferenceDate, policy);
    }

    /// <summary>An order list that cannot be read (not CSV, wrong header, broken rows) is refused whole, with its line numbers.</summary>
    private static bool Readable(OrderListFacts facts, FieldErrors errors)
    {
        if (facts.FileError is { } fileError)
        {
            errors.Add(FileField, Sentences.Format("The list was not kept: {0}", Sentences.Of(fileError)));
            return false;
        }

        if (facts.RowErrorCount == 0)
        {
            return true;
        }

        errors.Add(
            FileField,
            facts.RowErrorCount == 1
                ? Sentences.Get("The list was not kept: 1 row could not be read. Correct it and upload it again.")
                : Sentences.Format("The list was not kept: {0} rows could not be read. Correct them and upload it again.", facts.RowErrorCount));
        foreach (var error in facts.RowErrors.Take(EvidenceRules.RowErrorsListed))
        {
            errors.Add(FileField, Sentences.Of(error));
        }

        return false;
    }

    private async Task<Guid> KeepAsync((StagedBlob Blob, AcceptedFile File) upload, ReviewRequest request, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await upload.Blob.CommitAsync(cancellationToken);
        var file = EvidenceFile.Attach(
            CaseKind.ReviewRequest, request.Id, request.OrganisationId, upload.File.FileName, upload.File.Kind, upload.File.Size, upload.File.Sha256, actor, now);
        db.EvidenceFiles.Add(file);
        return file.Id;
    }
}

/// <summary>The text typed with an evidence upload: a certificate's details, or what a business document proves.</summary>
public sealed record EvidenceFields(EvidenceFormat Format, string? Authority, string? Number, string? ValidFrom, string? ValidTo, string? Description)
{
    public bool HasNewDocument { get; init; }

    public bool HasDocument { get; init; }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public CertificateFacts? Certificate() =>
        Format == EvidenceFormat.Certificate && ParseDate(ValidFrom) is { } from
            ? new CertificateFacts(Authority?.Trim(), Number?.Trim(), from, ParseDate(ValidTo))
            : null;
}

public sealed class EvidenceFieldsValidator : AbstractValidator<EvidenceFields>
{
    public EvidenceFieldsValidator()
    {
        When(x => x.Format == EvidenceFormat.Certificate, () =>
        {
            RuleFor(x => x.Authority)
                .Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("Name the authority that issued the certificate.")
                .MaximumLength(EvidenceDetails.FieldMaxLength);
            RuleFor(x => x.Number)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the certificate's number.")
                .MaximumLength(EvidenceDetails.FieldMaxLength);
            RuleFor(x => x.ValidFrom)
                .Must(d => EvidenceFields.ParseDate(d) is not null).WithMessage("Give the date the certificate is valid from (yyyy-mm-dd).");
            RuleFor(x => x.ValidTo)
                .Must(d => string.IsNullOrWhiteSpace(d) || EvidenceFields.ParseDate(d) is not null).WithMessage("Give the date the certificate is valid to (yyyy-mm-dd), or leave it empty if it does not expire.");
        });
        When(x => x.Format == EvidenceFormat.LogisticsAndBusinessDocument && x.HasDocument, () =>
            RuleFor(x => x.Description)
                .Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("Describe what the business document proves.")
                .MaximumLength(EvidenceDetails.DescriptionMaxLength));
    }
}
