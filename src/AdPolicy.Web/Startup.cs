using AdPolicy.Web.Ace;
using AdPolicy.Web.Api;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web;

public static partial class Startup
{
    public static void AddAdPolicy(this WebApplicationBuilder builder)
    {
        builder.AddAdPolicyLogging();
        builder.AddAdPolicyTelemetry();
        builder.AddApi();
        var services = builder.Services;
        var configuration = builder.Configuration;

        var (connectionString, databaseDescription) = DatabaseSetup.Resolve(configuration, builder.Environment);
        services.AddSingleton(new DatabaseInfo(connectionString, databaseDescription));
        services.AddDbContext<AppDbContext>(o => AppDbContext.Configure(o, FailFast.Harden(connectionString, configuration)));
        services.AddAdPolicyFailFast();
        var demoClock = configuration.GetValue("DemoClock:Enabled", false);
        if (demoClock)
        {
            // A demonstration clock an admin can move forward; all instances share its offset through the database.
            services.AddSingleton<Deadlines.DemoClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<Deadlines.DemoClock>());
            services.AddScoped<ISweep, Deadlines.DemoClockSync>();
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        // Moving the demo clock a day forward must not sign everyone out: sign-in lifetimes (and file ages) keep real time.
        WallClock.AddWallClock(services, demoClock);
        services.AddScoped<PolicyStore>();
        services.AddScoped<Triage.CaseAssignments>();
        services.AddValidatedOptions<SweepOptions>(SweepOptions.Section);
        services.AddSingleton<SweepStatus>();
        services.AddSingleton<SweepService>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepService>());
        services.AddScoped<ISweep, Triage.QueueCountFolder>();
        services.AddScoped<ISweep, Triage.ResponseReminders>();
        services.AddValidatedOptions<Deadlines.DeadlineServiceOptions>(Deadlines.DeadlineServiceOptions.Section);
        services.AddScoped<Deadlines.DeadlineEnforcer>();
        services.AddScoped<ISweep, Deadlines.AceDeadlineSweep>();
        services.AddScoped<ISweep, Deadlines.DeadlineReminderSweep>();
        services.AddScoped<ISweep, Deadlines.StandingSweep>();
        services.AddScoped<AceStandings>();
        services.AddScoped<AceNotices>();
        services.AddScoped<EnforcementDesk>();
        services.AddScoped<ComplaintDesk>();
        services.AddScoped<Appeals.AppealSubjects>();
        services.AddScoped<Appeals.AppealDesk>();
        services.AddValidatedOptions<ComplaintLimits>(ComplaintLimits.Section);
        services.AddScoped<DatabaseMigrations>();

        builder.AddAdPolicySecurity();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Advertiser, p => p.RequireRole(Roles.Advertiser).RequireClaim(AppClaims.Organisation))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Support, Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Support, p => p.RequireRole(Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Promotions", Policies.Advertiser);
            o.Conventions.AuthorizeFolder("/Refunds", Policies.Advertiser);
            o.Conventions.AuthorizeFolder("/Ace", Policies.Advertiser);
            o.Conventions.AuthorizeFolder("/Appeals", Policies.Advertiser);
            o.Conventions.AuthorizeFolder("/Staff", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            o.Conventions.AuthorizeFolder("/Notifications", Policies.SignedIn);
            o.Conventions.AuthorizePage("/Index", Policies.SignedIn);
            o.Conventions.AuthorizePage("/Account/Logout", Policies.SignedIn);
            o.Conventions.AuthorizePage("/Account/Profile", Policies.SignedIn);
            o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
            o.Conventions.AllowAnonymousToFolder("/Public");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AllowAnonymousToPage("/StatusCode");
        });
        // FluentValidation owns the messages; MVC's implicit [Required] would add its own.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            BindingMessages.Configure(o);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "adpolicy.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAdPolicyEdge(configuration);

        services.AddDataProtection().SetApplicationName("AdPolicy").PersistKeysToDbContext<AppDbContext>();

        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
            .AddCheck<SweepHealthCheck>("sweeps", tags: ["ready"]);

        services.AddEvidenceStore(configuration, builder.Environment.ContentRootPath);
        services.AddSingleton<EvidenceIntake>();
        services.AddSingleton<CaseAttachments>();
        services.AddSingleton<StreamedUploadReader>();
        services.AddValidatedOptions<UploadLimits>(UploadLimits.Section);

        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section)
            .PostConfigure(o =>
            {
                o.PickupFolder = Path.GetFullPath(o.PickupFolder is { Length: > 0 } folder
                    ? folder
                    : Path.Combine(DatabaseSetup.RepositoryRoot(builder.Environment.ContentRootPath), ".local", "mail"));
            })
            .Validate(o => o.LeaseSeconds > o.Smtp.TimeoutSeconds, "Outbox:LeaseSeconds must be longer than Outbox:Smtp:TimeoutSeconds, so a lease covers a delivery.")
            .Validate(o => o.MaxBackoffSeconds >= o.BackoffSeconds, "Outbox:MaxBackoffSeconds must not be shorter than Outbox:BackoffSeconds.")
            .Validate(o => o.Smtp.Port is > 0 and < 65_536, "Outbox:Smtp:Port must be a TCP port between 1 and 65535.")
            .Validate(o => o.Smtp.TimeoutSeconds > 0, "Outbox:Smtp:TimeoutSeconds must be positive.");
        services.AddScoped<Notifier>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        services.AddValidatorsFromAssemblyContaining<AppDbContext>(includeInternalTypes: true);
        services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        services.AddSingleton<ComplaintFilingLimiter>();
    }

    public static async Task UseAdPolicyAsync(this WebApplication app)
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

        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("DemoData:Seed", true))
        {
            await DemoData.SeedAsync(app.Services, app.Logger);
        }

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
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }

    /// <summary>Options bound from a configuration section, checked against their annotations when the app starts.</summary>
    private static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    [LoggerMessage(Level = LogLevel.Critical, Message = "The app cannot start with these settings: {Failures}")]
    private static partial void LogInvalidSettings(ILogger logger, IEnumerable<string> failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The app cannot start: {Reason:l}")]
    private static partial void LogCannotStart(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Description}")]
    private static partial void LogDatabase(ILogger logger, string description);
}

public sealed record DatabaseInfo(string ConnectionString, string Description);

public sealed class UploadLimits
{
    public const string Section = "Uploads";

    private const long Megabyte = 1024 * 1024;

    [System.ComponentModel.DataAnnotations.Range(1L, 1L << 30, ErrorMessage = "Uploads:AttachmentMaxBytes must be between 1 byte and 1 GB.")]
    public long AttachmentMaxBytes { get; set; } = 10 * Megabyte;

    /// <summary>Review-request evidence: certificates and business documents (PDF or image).</summary>
    [System.ComponentModel.DataAnnotations.Range(1L, 1L << 30, ErrorMessage = "Uploads:DocumentMaxBytes must be between 1 byte and 1 GB.")]
    public long DocumentMaxBytes { get; set; } = 10 * Megabyte;

    /// <summary>Review-request evidence: order, shipping and logistics lists (CSV).</summary>
    [System.ComponentModel.DataAnnotations.Range(1L, 1L << 30, ErrorMessage = "Uploads:OrderListMaxBytes must be between 1 byte and 1 GB.")]
    public long OrderListMaxBytes { get; set; } = 20 * Megabyte;

    /// <summary>Review-request evidence: stock and unboxing videos.</summary>
    [System.ComponentModel.DataAnnotations.Range(1L, 10L << 30, ErrorMessage = "Uploads:VideoMaxBytes must be between 1 byte and 10 GB.")]
    public long VideoMaxBytes { get; set; } = 500 * Megabyte;

    [System.ComponentModel.DataAnnotations.Range(1, 50, ErrorMessage = "Uploads:MaxFilesPerUpload must be between 1 and 50 files.")]
    public int MaxFilesPerUpload { get; set; } = 5;
}
