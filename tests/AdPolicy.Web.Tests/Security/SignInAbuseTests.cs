using System.Net;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Security;

/// <summary>The app with its real sign-in limits made small, and a password hasher that counts its work.</summary>
public sealed class SignInLimitsApp(PostgresFixture postgres) : AppFactory(postgres)
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("SignIn:PermitPerClientPerMinute", "12"),
        ("SignIn:FailuresPerAccountAndClient", "5"),
        ("SignIn:FailureWindowMinutes", "15"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(Hasher));
    }
}

/// <summary>Identity's own hasher, counting how many passwords it checked.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verified;

    public int Verified => Volatile.Read(ref _verified);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verified);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// Sign-in resists guessing without letting a guesser lock staff out, and never tells which emails have accounts.
/// </summary>
public sealed class SignInAbuseTests(SignInLimitsApp app) : IClassFixture<SignInLimitsApp>
{
    [Fact]
    public async Task WrongPasswordsFromOneClient_DoNotLockTheAccountForItsOwner_Elsewhere()
    {
        var adminEmail = await app.CreateUserAsync(Roles.Admin);
        using var attacker = app.CreateAppClient(new CookieContainer(), "10.1.0.1");
        PageResult last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await Login(attacker, adminEmail, $"Guess-number-{i}");
        }

        using var owner = app.CreateAppClient(new CookieContainer(), "10.1.0.2");
        var signedIn = await Login(owner, adminEmail, AppClient.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, last.Status);
        Assert.Contains("Too many failed sign-ins", last.Text);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
    }

    [Fact]
    public async Task OneClientSendingManySignIns_IsAnswered429()
    {
        using var client = app.CreateAppClient(new CookieContainer(), "10.2.0.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            statuses.Add((await Login(client, $"nobody{i}@test.example", "Whatever-pass-1")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.IndexOf(HttpStatusCode.TooManyRequests) <= 12, string.Join(",", statuses));
    }

    [Fact]
    public async Task AnUnknownEmail_AndAWrongPassword_GetTheSameMessage_AndTheSamePasswordCheck()
    {
        var email = await app.CreateUserAsync(Roles.Advertiser);
        using var client = app.CreateAppClient(new CookieContainer(), "10.3.0.1");

        var before = app.Hasher.Verified;
        var wrong = await Login(client, email, "Not-the-password-1");
        var afterWrong = app.Hasher.Verified;
        var unknown = await Login(client, "no.such.person@test.example", "Not-the-password-1");
        var afterUnknown = app.Hasher.Verified;

        Assert.Equal(wrong.Summary, unknown.Summary);
        Assert.Equal("The email or password is not right.", unknown.Summary);
        Assert.Equal(1, afterWrong - before);
        Assert.Equal(1, afterUnknown - afterWrong);
    }

    private static async Task<PageResult> Login(AppClient client, string email, string password)
    {
        var form = await client.GetAsync("/Account/Login");
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        return await client.PostAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", password), new("__RequestVerificationToken", token)]);
    }
}
