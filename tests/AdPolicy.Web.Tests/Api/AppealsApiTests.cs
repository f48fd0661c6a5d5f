using System.Net;
using System.Net.Http.Headers;
using AdPolicy.Domain.Appeals;
using AdPolicy.Web.Api;
using AdPolicy.Web.Tests.Appeals;
using AdPolicy.Web.Tests.Evidence;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Api;

/// <summary>Review requests through the API: read with their checklist; evidence uploaded and checked exactly as on the page.</summary>
public sealed class AppealsApiTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private readonly EvidenceFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static MultipartFormDataContent Form(string path)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        form.Add(file, "Evidence.File", Path.GetFileName(path));
        return form;
    }

    [Fact]
    public async Task AnOrderListUploadedThroughTheApi_IsCheckedLikeThePagesUpload_AndAnotherOrganisationGets404()
    {
        var penalised = await app.StrikeAsync();
        using var browser = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await browser.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var requestDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        using var api = app.Api(await app.OrganisationKeyAsync(penalised.Advertiser, ApiScopes.AppealsRead, ApiScopes.AppealsWrite));
        var stranger = await app.CreateAdvertiserAsync();
        using var strangerApi = app.Api(await app.OrganisationKeyAsync(stranger, ApiScopes.AppealsRead, ApiScopes.AppealsWrite));
        var ct = TestContext.Current.CancellationToken;

        var tooFew = await api.PostAsync($"/api/v1/appeals/{id}/evidence/{EvidenceKind.ShippingProof}", Form(_files.OrderList($"few-{id:N}.csv", 2, requestDate)), ct);
        var enough = await api.PostAsync($"/api/v1/appeals/{id}/evidence/{EvidenceKind.ShippingProof}", Form(_files.OrderList($"orders-{id:N}.csv", 10, requestDate)), ct);
        var broken = await api.PostAsync($"/api/v1/appeals/{id}/evidence/{EvidenceKind.ShippingProof}", Form(_files.Write($"broken-{id:N}.csv", "not,a,list\n")), ct);
        var theirs = await strangerApi.PostAsync($"/api/v1/appeals/{id}/evidence/{EvidenceKind.ShippingProof}", Form(_files.OrderList($"x-{id:N}.csv", 10, requestDate)), ct);

        Assert.Equal(HttpStatusCode.OK, tooFew.StatusCode);
        Assert.Contains("does not pass yet", (await tooFew.ReadAsync<EvidenceUploaded>()).Message);
        Assert.Equal(HttpStatusCode.OK, enough.StatusCode);
        var uploaded = await enough.ReadAsync<EvidenceUploaded>();
        Assert.Contains("passes", uploaded.Message);
        Assert.True(uploaded.Appeal.Evidence.Single(e => e.Kind == EvidenceKind.ShippingProof).CheckPassed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains((await broken.JsonAsync()).GetProperty("errors").EnumerateObject(), e => e.Name.Equals("Evidence.File", StringComparison.OrdinalIgnoreCase) && e.Value[0].GetString()!.Contains("header", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerApi.GetAsync($"/api/v1/appeals/{id}", ct)).StatusCode);
        var read = await (await api.GetAsync($"/api/v1/appeals/{id}", ct)).ReadAsync<AppealResource>();
        Assert.Equal(ReviewStatus.Draft, read.Status);
        Assert.True(read.Evidence.Single(e => e.Kind == EvidenceKind.ShippingProof).Attached);
    }
}
