using System.Threading.RateLimiting;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

/// <summary>
/// Sign-in, sessions and the guards every request passes: Identity with server-side sessions, two-factor sign-in
/// (required for admins), sign-in limits, and the request guards that turn malformed requests into 400/404/405.
/// </summary>
public static class SecurityStartup
{
    /// <summary>
    /// The framework's antiforgery, with each person's form tokens remembered for a few seconds
    /// (<see cref="CachedAntiforgery"/>); call it after <c>AddAntiforgery</c>.
    /// </summary>
    public static IServiceCollection KeepAntiforgeryTokens(this IServiceCollection services)
    {
        var framework = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        var type = framework.ImplementationType ?? throw new InvalidOperationException("The framework's antiforgery is registered by type.");
        services.Remove(framework);
        services.AddSingleton<IAntiforgery>(sp => new CachedAntiforgery(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, type),
            sp.GetRequiredService<IOptions<AntiforgeryOptions>>(),
            sp.GetRequiredService<WallClock>(),
            sp.GetRequiredService<IOptions<SessionCacheOptions>>()));
        return services;
    }

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddIdentityCore<AppUser>(o =>
            {
                // Lockout counts only wrong second-factor codes (which need the password first); wrong passwords are
                // limited per account and client by SignInThrottle, so a guesser cannot lock anyone out.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<IdentityMessages>();
        services.AddScoped(sp => (AppSignInManager)sp.GetRequiredService<SignInManager<AppUser>>());
        services.AddOptions<IdentityOptions>().BindConfiguration("Identity")
            .Validate(o => o.Lockout.MaxFailedAccessAttempts is >= 1 and <= 100, "Identity:Lockout:MaxFailedAccessAttempts must be between 1 and 100 attempts.")
            .Validate(o => o.Lockout.DefaultLockoutTimeSpan >= TimeSpan.FromMinutes(1) && o.Lockout.DefaultLockoutTimeSpan <= TimeSpan.FromDays(1), "Identity:Lockout:DefaultLockoutTimeSpan must be between 00:01:00 and 1.00:00:00.")
            .Validate(o => o.Password.RequiredLength is >= 10 and <= 128, "Identity:Password:RequiredLength must be between 10 and 128 characters.")
            .Validate(o => o.User.RequireUniqueEmail, "Identity:User:RequireUniqueEmail must stay true: people sign in with their email address.")
            .ValidateOnStart();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // A "forgot password" link works once (it is bound to the security stamp, which the reset renews) and not for long.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(3));
        // Sessions keep real time under the demo clock, as the cookie does (WallClock): moving the demo a day on signs no one out.
        services.AddOptions<SessionCacheOptions>().BindConfiguration(SessionCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SessionTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionTicketStore>((o, store) => o.SessionStore = store)
            // After the framework's own post-configuration has made the format from the DataProtection keys.
            .PostConfigure<WallClock, IOptions<SessionCacheOptions>>((o, clock, cache) => o.TicketDataFormat = new CachedTicketFormat(o.TicketDataFormat, clock, cache));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "adpolicy.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnValidatePrincipal = StampCheck.ValidateWhenDueAsync;
        });

        // Sessions end when their row goes; the stamp check still catches a password or second-factor change made
        // directly in the database, within minutes rather than half an hour.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        services.AddScoped<ISweep, ExpiredSessionSweep>();

        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(SignInLimits.RateLimitPolicy, http =>
        {
            if (!HttpMethods.IsPost(http.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }

            var limits = http.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitPerClientPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));

        services.Configure<MvcOptions>(o =>
        {
            o.ModelBinderProviders.Insert(0, new UtcDateTimeOffsetBinderProvider());
            o.Filters.Add<RequestGuardFilter>();
            o.Filters.Add(new FormLimitFilter()); // an instance, so its order (between the size limits and antiforgery) counts
            o.Filters.Add<AdminTwoFactorFilter>();
        });
    }

    /// <summary>After authorisation: methods a page does not take answer 405 before anything else reads the request.</summary>
    public static void UseAdPolicyRequestGuards(this WebApplication app) => app.UseMiddleware<PageMethodGuard>();
}
