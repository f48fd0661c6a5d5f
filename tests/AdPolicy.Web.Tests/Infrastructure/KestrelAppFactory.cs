using System.Net;
using AdPolicy.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// <see cref="AppFactory"/> served by real Kestrel on 127.0.0.1 and a free port, so a real browser can reach it
/// (<see cref="BaseAddress"/>). Same per-class database, fake clock and evidence folder as <see cref="AppFactory"/>.
/// </summary>
public class KestrelAppFactory(PostgresFixture postgres) : AppFactory(postgres)
{
    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>True to seed the demo organisations, promotions and users (<see cref="DemoData"/>) once the app has started.</summary>
    protected virtual bool SeedsDemoData => false;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await Task.Run(StartServer);
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseAddress = new Uri(addresses.First());
        if (SeedsDemoData)
        {
            await SeedDemoDataAsync();
        }
    }

    /// <summary>Seeds <see cref="DemoData"/> (demo logins use <see cref="DemoData.Password"/>) at the fake clock's time.</summary>
    public async Task SeedDemoDataAsync()
    {
        await using var scope = Scope();
        await DemoData.SeedDataAsync(scope.ServiceProvider, Clock.GetUtcNow());
    }
}

/// <summary>A <see cref="KestrelAppFactory"/> with the demo data seeded: sign in as e.g. advertiser@lumen.example.</summary>
public sealed class DemoAppFactory(PostgresFixture postgres) : KestrelAppFactory(postgres)
{
    protected override bool SeedsDemoData => true;
}
