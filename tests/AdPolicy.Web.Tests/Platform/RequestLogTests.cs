using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>The request log names the route, never a secret carried in the path.</summary>
public sealed class RequestLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void ATrackingLink_IsLoggedAsItsRouteTemplate_WithoutTheToken()
    {
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText?.Contains("Complaints/Track", StringComparison.Ordinal) == true && e.RoutePattern.RawText.Contains("{token", StringComparison.Ordinal));
        var context = new DefaultHttpContext();
        context.Request.Path = "/Public/Complaints/Track/s3cr3t-tracking-token";
        context.SetEndpoint(endpoint);

        var logged = RequestLoggingMiddleware.LoggedPath(context);

        Assert.DoesNotContain("s3cr3t-tracking-token", logged);
        Assert.Contains("Complaints/Track/{token", logged);
    }

    [Fact]
    public void ARequestThatMatchedNoRoute_IsLoggedByItsPath()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/no/such/page";

        Assert.Equal("/no/such/page", RequestLoggingMiddleware.LoggedPath(context));
    }
}
