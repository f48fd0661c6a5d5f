using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Data;
using AdPolicy.Web.Evidence;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Storage;

public static class EvidenceDownloads
{
    /// <summary>Evidence is private: no browser or proxy cache keeps a copy (a shared computer, a caching proxy).</summary>
    public const string NoStore = "no-store";

    /// <summary>
    /// GET /evidence/{id}: staff may download any case's files; an advertiser only their organisation's (404 otherwise,
    /// so ids of other organisations reveal nothing). Always an attachment, never rendered inline, never cached.
    /// </summary>
    public static void MapEvidenceDownloads(this IEndpointRouteBuilder endpoints)
    {
        // The documented order-list layout, with one example row, for each checklist item that takes a list.
        endpoints.MapGet("/evidence/templates/{name}", (string name) =>
            Enum.TryParse<EvidenceKind>(name, ignoreCase: false, out var kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _)
            && RequirementMatrix.Requirement(kind, PolicySettings.Defaults).Format is EvidenceFormat.OrderList or EvidenceFormat.LogisticsAndBusinessDocument
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(OrderListInspector.Template(kind)), "text/csv", OrderListInspector.TemplateFileName(kind))
                : Results.NotFound()).RequireAuthorization();
        endpoints.MapGet("/evidence/{id:guid}", async (Guid id, HttpContext http, AppDbContext db, IEvidenceStore store, CancellationToken ct) =>
        {
            var file = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
            if (file is null || (!http.User.IsStaff() && http.User.OrganisationId() != file.OrganisationId))
            {
                return Results.NotFound();
            }

            var stream = await store.OpenReadAsync(file.Sha256, ct);
            http.Response.Headers.CacheControl = NoStore;
            return Results.File(stream, file.ContentType, fileDownloadName: file.FileName);
        }).RequireAuthorization();
    }
}
