using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Appeals;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Appeals.Staff;

/// <summary>A reviewer attaches evidence to a submitted review request (Staff reads by folder; uploading needs Reviewer).</summary>
[StreamedUpload]
[IgnoreAntiforgeryToken(Order = 1001)]
public sealed class EvidenceModel(AppDbContext db, AppealDesk desk, StreamedUploadReader reader, PolicyStore policies, IAuthorizationService authorization, IStringLocalizer<EvidenceUploadPageModel> text)
    : EvidenceUploadPageModel(db, desk, reader, policies, text)
{
    public override string DetailsPage => $"/Staff/Appeals/Details/{Appeal.Id}";

    protected override Actor Uploader => User.AsStaff();

    protected override IQueryable<ReviewRequest> Visible(IQueryable<ReviewRequest> requests) => requests;

    protected override async Task<bool> MayUploadAsync() => (await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded;
}
