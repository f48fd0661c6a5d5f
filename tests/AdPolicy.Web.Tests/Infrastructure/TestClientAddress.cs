using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// The in-process test server has no client address. A request with <c>X-Test-Client: 10.0.0.7</c> comes from that
/// address, so per-client limits can be tested with several clients; without it every client is 127.0.0.1.
/// Only the tests add this filter.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address)
                ? address
                : context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
