using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>A wrong setting stops the app at start-up with a sentence that names the key, before the database is touched.</summary>
public sealed class SettingsTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("Sweeps:IntervalSeconds", "0", "Sweeps:IntervalSeconds must be between 1 and 3600 seconds.")]
    [InlineData("DeadlineService:BatchSize", "-5", "DeadlineService:BatchSize must be between 1 and 10000 deadlines.")]
    [InlineData("Complaints:WindowSeconds", "0", "Complaints:WindowSeconds must be between 1 and 86400 seconds.")]
    [InlineData("Uploads:VideoMaxBytes", "0", "Uploads:VideoMaxBytes must be between 1 byte and 10 GB.")]
    [InlineData("Outbox:SiteUrl", "adpolicy.example", "Outbox:SiteUrl must be an absolute http or https address, like https://adpolicy.example.")]
    [InlineData("Outbox:LeaseSeconds", "10", "Outbox:LeaseSeconds must be longer than Outbox:Smtp:TimeoutSeconds, so a lease covers a delivery.")]
    [InlineData("Identity:Password:RequiredLength", "6", "Identity:Password:RequiredLength must be between 10 and 128 characters.")]
    [InlineData("Identity:Lockout:MaxFailedAccessAttempts", "0", "Identity:Lockout:MaxFailedAccessAttempts must be between 1 and 100 attempts.")]
    public async Task AWrongSetting_StopsTheApp_WithASentenceNamingIt(string key, string value, string sentence)
    {
        await using var app = new AppWith(postgres, key, value, database: "no_such_database");
        await app.InitializeAsync();

        var refused = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains(sentence, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIdentitySettings_AreReadFromConfiguration()
    {
        await using var app = new AppWith(postgres, "Identity:Lockout:MaxFailedAccessAttempts", "3");
        await app.InitializeAsync();

        var options = app.Services.GetService(typeof(IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>)) as IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>;

        Assert.Equal(3, options!.Value.Lockout.MaxFailedAccessAttempts);
        Assert.Equal(10, options.Value.Password.RequiredLength);
    }

    /// <summary>
    /// The app with one setting changed: on its own database, or on one that does not exist, so a test fails if the
    /// app reached the database before it checked its settings.
    /// </summary>
    private sealed class AppWith(PostgresFixture postgres, string key, string value, string? database = null) : AppFactory(postgres)
    {
        private readonly PostgresFixture _postgres = postgres;

        protected override bool OwnsDatabase => database is null;

        public override async ValueTask InitializeAsync()
        {
            if (database is null)
            {
                await base.InitializeAsync();
            }
            else
            {
                ConnectionString = _postgres.ConnectionString(database);
            }
        }

        protected override IEnumerable<(string Key, string Value)> Settings() => [(key, value)];
    }
}
