using AdPolicy.Web.Complaints;
using AdPolicy.Web.Appeals;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Refunds;
using AdPolicy.Web.Queue;
using AdPolicy.Web.Api;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web;

public static partial class Startup
{
    /// <summary>The platform every feature stands on, then one line per feature (each registers itself in its folder).</summary>
    public static void AddAdPolicy(this WebApplicationBuilder builder)
    {
        builder.AddPlatform();
        builder.AddAccounts();
        builder.AddLocalisation();
        builder.AddRefunds();
        builder.AddComplaints();
        builder.AddAppeals();
        builder.AddEvidence();
        builder.AddDeadlines();
        builder.AddQueue();
        builder.AddNotifications();
        builder.AddApi();
        KeyRingWarmUp.ReplaceStartPathRead(builder.Services); // last: AddAuthentication and AddIdentity add the start-path read again
    }

    /// <summary>Logging, telemetry, the database, background sweeps, health, pages and who may open them.</summary>
    private static void AddPlatform(this WebApplicationBuilder builder)
    {
        builder.AddAdPolicyLogging();
        builder.AddAdPolicyTelemetry();
        var services = builder.Services;
        var configuration = builder.Configuration;

        var (connectionString, databaseDescription) = DatabaseSetup.Resolve(configuration);
        services.AddSingleton(new DatabaseInfo(connectionString, databaseDescription));
        // Contexts are pooled (issue 17): the options are built once, and a request takes a context already made and
        // reset (its change tracker emptied, its settings back to the defaults) instead of building one and its options,
        // which was about a tenth of the EF work of a page view. The context keeps no state of its own between uses.
        var tuned = new Lazy<string>(() => AppDbContext.Tuned(FailFast.Harden(connectionString, configuration)));
        services.AddDbContextPool<AppDbContext>((sp, o) => AppDbContext.Configure(o, tuned.Value)
            .AddInterceptors(sp.GetRequiredService<StaffChangeInterceptor>(), sp.GetRequiredService<NotificationChangeInterceptor>())); // the cached staff list and unread badges hear of changes
        services.AddAdPolicyFailFast();
        services.AddScoped<DatabaseMigrations>();
        services.AddScoped<PolicyStore>();
        services.AddDataProtection().SetApplicationName("AdPolicy").PersistKeysToDbContext<AppDbContext>();
        services.AddSingleton<AfterStart>(); // background work's first pass waits for the host to have started (issue 17)

        services.AddValidatedOptions<SweepOptions>(SweepOptions.Section);
        services.AddSingleton<SweepStatus>();
        services.AddSingleton<SweepService>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepService>());
        services.AddHealthChecks()
            .AddNpgSql(_ => tuned.Value, name: "database", tags: ["ready"]) // SELECT 1 with the app's bounds, without EF (issue 17: cheap first /health/ready)
            .AddCheck<SweepHealthCheck>("sweeps", tags: ["ready"]);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Advertiser, p => p.RequireRole(Roles.Advertiser).RequireClaim(AppClaims.Organisation))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Support, Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Support, p => p.RequireRole(Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        services.AddSingleton<PageLinks>(); // the layout's links, worked out once per page
        services.AddRazorPages(o =>
        {
            // Pages live in their feature's folder (Refunds/New.cshtml, Refunds/Staff/Details.cshtml), not under Pages/.
            o.RootDirectory = "/";
            o.Conventions.AuthorizeByFolder(
                new Dictionary<string, string>
                {
                    ["Refunds"] = Policies.Advertiser,
                    ["Appeals"] = Policies.Advertiser,
                    ["Accounts"] = Policies.Advertiser,
                    ["Notifications"] = Policies.SignedIn,
                    ["Api"] = ApiSetup.IntegrationsPolicy,
                },
                staff: Policies.Staff,
                admin: Policies.Admin);
            o.Conventions.AuthorizePage("/Home/Index", Policies.SignedIn);
            o.Conventions.AuthorizePage("/Identity/Logout", Policies.SignedIn);
            o.Conventions.AuthorizePage("/Identity/Profile", Policies.SignedIn);
            o.Conventions.AllowAnonymousToPage("/Identity/LoginWith2fa");
            o.Conventions.AllowAnonymousToPage("/Identity/Login");
            o.Conventions.AllowAnonymousToPage("/Identity/AccessDenied");
            o.Conventions.AllowAnonymousToPage("/Home/Error");
            o.Conventions.AllowAnonymousToPage("/Home/StatusCode");
            o.Conventions.AllowAnonymousToPage("/Identity/ForgotPassword");
            o.Conventions.AllowAnonymousToPage("/Identity/ResetPassword");
            o.Conventions.AllowAnonymousToPage("/Home/Language");

            // Appeals were "reviews" on staff pages; links already sent (notifications, emails) keep working.
            o.Conventions.AddPageRoute("/Appeals/Staff/Details", "/Staff/Reviews/Details/{id:guid}");
            o.Conventions.AddPageRoute("/Appeals/Staff/Evidence", "/Staff/Reviews/Evidence/{id:guid}/{kind}");
        })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // FluentValidation owns the messages; MVC's implicit [Required] would add its own.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            BindingMessages.Configure(o);
            o.Filters.Add(new CasePageFilter()); // a case page's broken rule or conflict: a sentence and the case reloaded
        });
        services.AddSingleton<CookieTempDataProvider>();
        services.Replace(ServiceDescriptor.Singleton<ITempDataProvider, QuietTempDataProvider>());
        services.AddValidatorsFromAssemblyContaining<AppDbContext>(includeInternalTypes: true);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "adpolicy.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.KeepAntiforgeryTokens();
        services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        services.AddAdPolicyEdge(configuration);
    }

    /// <summary>Before serving: the settings are checked, the database migrated and (Development) the demo data seeded.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        // A wrong setting stops the app here, with its sentence, before the database is touched.
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException invalid)
        {
            LogInvalidSettings(app.Logger, invalid.Failures);
            throw;
        }

        var info = app.Services.GetRequiredService<DatabaseInfo>();
        LogDatabase(app.Logger, info.Description);
        if (!await DatabaseMigrations.IsCurrentAsync(info.ConnectionString, app.Services.GetRequiredService<ILogger<DatabaseMigrations>>()))
        {
            await MigrateAsync(app, info);
        }

        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("DemoData:Seed", true))
        {
            await DemoData.SeedAsync(app.Services, app.Logger);
        }
    }

    /// <summary>The full path (no database, a pending migration, a database made by the earlier SQL files): EF's migrator.</summary>
    private static async Task MigrateAsync(WebApplication app, DatabaseInfo info)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Migrating waits for other instances' locks as long as it takes: not the request-time bounds of FailFast.
            scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.SetConnectionString(info.ConnectionString);
            try
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrations>().MigrateAsync();
            }
            catch (DatabaseMissingException missing)
            {
                LogCannotStart(app.Logger, missing.Message);
                throw;
            }
        }
    }

    /// <summary>The request pipeline, in order.</summary>
    public static void UseAdPolicyPipeline(this WebApplication app)
    {
        app.UseAdPolicyForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseSecurityHeaders();

        app.UseStatusCodePagesWithReExecute("/StatusCode", "?code={0}");
        app.UseAdPolicyFailFast();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAdPolicyRequestLogging();

        // The sign-in and API limits are endpoint policies (the public complaint form counts filings in its own limiter).
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseLocalisation();
        app.UseAuthorization();
        app.UseAdPolicyRequestGuards();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
        app.MapRazorPages();
        app.MapEvidenceDownloads();
        app.MapAdPolicyTelemetry();
        app.MapApi();
    }

    /// <summary>The ready check's answer: overall status and each check's status, description and data (e.g. last sweep times).</summary>
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                // An exception's message can name the server: this answer is anonymous, so only the kind of failure is said.
                e => new { status = e.Value.Status.ToString(), description = e.Value.Exception is { } failure ? $"{e.Key} failed ({failure.GetType().Name})." : e.Value.Description, data = e.Value.Data }),
        });
    }

    /// <summary>Both steps, for hosts other than Program (the benchmarks).</summary>
    public static async Task UseAdPolicyAsync(this WebApplication app)
    {
        await app.PrepareAsync();
        app.UseAdPolicyPipeline();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The app cannot start with these settings: {Failures}")]
    private static partial void LogInvalidSettings(ILogger logger, IEnumerable<string> failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The app cannot start: {Reason:l}")]
    private static partial void LogCannotStart(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Description}")]
    private static partial void LogDatabase(ILogger logger, string description);
}

public sealed record DatabaseInfo(string ConnectionString, string Description);
