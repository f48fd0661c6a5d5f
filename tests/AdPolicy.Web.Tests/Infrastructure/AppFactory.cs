using AdPolicy.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>The real app (real pipeline, real PostgreSQL) on its own database cloned from the template, with a fake clock (FakeTimeProvider).</summary>
public class AppFactory(PostgresFixture postgres) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _evidenceRoot = Path.Combine(Path.GetTempPath(), "adpolicy-test-evidence", Guid.NewGuid().ToString("N"));

    /// <summary>Where every test app's clock starts: a Monday morning.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The app's TimeProvider: moved by hand (Advance, SetUtcNow; it never goes back).</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public string ConnectionString { get; protected set; } = string.Empty;

    public PostgresFixture Postgres => postgres;

    public string EvidenceRoot => _evidenceRoot;

    public virtual async ValueTask InitializeAsync() =>
        ConnectionString = await postgres.CreateDatabaseAsync(GetType().Name);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString.Length > 0 && OwnsDatabase)
        {
            await postgres.DropDatabaseAsync(ConnectionString);
        }

        try
        {
            Directory.Delete(_evidenceRoot, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:AdPolicy", ConnectionString);
        builder.UseSetting("Evidence:Root", _evidenceRoot);
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>());
        if (UsesFakeClock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>False when several hosts share one database (the test that owns it drops it).</summary>
    protected virtual bool OwnsDatabase => true;

    /// <summary>False for a test of the app's own clocks (the demo clock).</summary>
    protected virtual bool UsesFakeClock => true;

    /// <summary>Extra configuration a test class needs.</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext of the app.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public AppClient CreateAppClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>
    /// A client whose cookies the test holds (to replay a saved cookie) and, optionally, that comes from its own
    /// network address (<see cref="TestClientAddress"/>), as a second browser elsewhere would.
    /// </summary>
    public AppClient CreateAppClient(System.Net.CookieContainer cookies, string? address = null)
    {
        var http = CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        if (address is not null)
        {
            http.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        }

        return new AppClient(http);
    }
}
