using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Appeals;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Appeals;

/// <summary>The advertiser uploads one item's evidence to their own draft review request (Advertiser policy, by folder).</summary>
[StreamedUpload]
[IgnoreAntiforgeryToken(Order = 1001)]
public sealed class EvidenceModel(AppDbContext db, AppealDesk desk, StreamedUploadReader reader, PolicyStore policies, IStringLocalizer<EvidenceUploadPageModel> text)
    : EvidenceUploadPageModel(db, desk, reader, policies, text)
{
    public override string DetailsPage => AppealDesk.AdvertiserPage(Appeal.Id);

    protected override Actor Uploader => User.AsAdvertiser();

    protected override IQueryable<ReviewRequest> Visible(IQueryable<ReviewRequest> requests)
    {
        var organisationId = User.OrganisationId()!.Value;
        return requests.Where(r => r.OrganisationId == organisationId);
    }

    protected override Task<bool> MayUploadAsync() => Task.FromResult(true);
}
