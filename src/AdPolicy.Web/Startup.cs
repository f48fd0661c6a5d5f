using AdPolicy.Web.Ace;
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

namespace AdPolicy.Web;

public static partial class Startup
{
    public static void AddAdPolicy(this WebApplicationBuilder builder)
    {
        builder.AddAdPolicyLogging();
        var services = builder.Services;
        var configuration = builder.Configuration;

        var (connectionString, databaseDescription) = DatabaseSetup.Resolve(configuration, builder.Environment);
        services.AddSingleton(new DatabaseInfo(connectionString, databaseDescription));
        services.AddDbContext<AppDbContext>(o => AppDbContext.Configure(o, connectionString));
        if (configuration.GetValue("DemoClock:Enabled", false))
        {
            // A demonstration clock an admin can move forward; all instances share its offset through the database.
            services.AddSingleton<Deadlines.DemoClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<Deadlines.DemoClock>());
            services.AddScoped<ISweep, Deadlines.DemoClockSync>();

            // Moving the demo clock a day forward must not sign everyone out: sign-in lifetimes keep real time.
            services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
            services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = TimeProvider.System);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }
        services.AddScoped<PolicyStore>();
        services.AddScoped<Triage.CaseAssignments>();
        services.Configure<SweepOptions>(configuration.GetSection("Sweeps"));
        services.AddSingleton<SweepStatus>();
        services.AddSingleton<SweepService>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepService>());
        services.AddScoped<ISweep, Triage.QueueCountFolder>();
        services.AddScoped<ISweep, Triage.ResponseReminders>();
        services.Configure<Deadlines.DeadlineServiceOptions>(configuration.GetSection("DeadlineService"));
        services.AddScoped<Deadlines.DeadlineEnforcer>();
        services.AddScoped<ISweep, Deadlines.AceDeadlineSweep>();
        services.AddScoped<ISweep, Deadlines.DeadlineReminderSweep>();
        services.AddScoped<ISweep, Deadlines.StandingSweep>();
        services.AddScoped<AceStandings>();
        services.AddScoped<AceNotices>();
        services.AddScoped<ComplaintDesk>();
        services.AddScoped<Appeals.AppealSubjects>();
        services.AddScoped<Appeals.AppealDesk>();
        services.Configure<ComplaintLimits>(configuration.GetSection("Complaints"));
        services.AddScoped<DatabaseMigrations>();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Identity:MaxFailedAccessAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Identity:LockoutMinutes", 15));
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "adpolicy.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

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
        services.AddAntiforgery(o => o.Cookie.Name = "adpolicy.af");

        services.AddDataProtection().SetApplicationName("AdPolicy").PersistKeysToDbContext<AppDbContext>();

        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
            .AddCheck<SweepHealthCheck>("sweeps", tags: ["ready"]);

        var evidenceRoot = configuration["Evidence:Root"] is { Length: > 0 } root
            ? root
            : Path.Combine(DatabaseSetup.RepositoryRoot(builder.Environment.ContentRootPath), ".local", "evidence");
        services.AddSingleton<IEvidenceStore>(new FileSystemEvidenceStore(evidenceRoot));
        services.AddSingleton<EvidenceIntake>();
        services.AddSingleton<CaseAttachments>();
        services.AddSingleton<StreamedUploadReader>();
        services.Configure<UploadLimits>(configuration.GetSection("Uploads"));

        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.Section))
            .PostConfigure(o =>
            {
                o.PickupFolder = Path.GetFullPath(o.PickupFolder is { Length: > 0 } folder
                    ? folder
                    : Path.Combine(DatabaseSetup.RepositoryRoot(builder.Environment.ContentRootPath), ".local", "mail"));
            })
            .Validate(o => o.LeaseSeconds > o.Smtp.TimeoutSeconds, "Outbox:LeaseSeconds must be longer than Outbox:Smtp:TimeoutSeconds, so a lease covers a delivery.")
            .Validate(o => o.BatchSize > 0 && o.IntervalSeconds > 0, "Outbox:BatchSize and Outbox:IntervalSeconds must be positive.")
            .ValidateOnStart();
        services.AddScoped<Notifier>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        services.AddValidatorsFromThisAssembly();
        services.AddSingleton<ComplaintFilingLimiter>();
    }

    public static async Task UseAdPolicyAsync(this WebApplication app)
    {
        var info = app.Services.GetRequiredService<DatabaseInfo>();
        LogDatabase(app.Logger, info.Description);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrations>().MigrateAsync();
        }

        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("DemoData:Seed", true))
        {
            await DemoData.SeedAsync(app.Services, app.Logger);
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/StatusCode", "?code={0}");
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next();
        });

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
        app.MapRazorPages();
        app.MapEvidenceDownloads();
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

    /// <summary>Registers every FluentValidation validator in this assembly (the DI extensions package is not available here).</summary>
    private static void AddValidatorsFromThisAssembly(this IServiceCollection services)
    {
        foreach (var type in typeof(Startup).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            var validatorInterface = type.GetInterfaces()
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>));
            if (validatorInterface is not null)
            {
                services.AddScoped(validatorInterface, type);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Description}")]
    private static partial void LogDatabase(ILogger logger, string description);
}

public sealed record DatabaseInfo(string ConnectionString, string Description);

public sealed class UploadLimits
{
    private const long Megabyte = 1024 * 1024;

    public long AttachmentMaxBytes { get; set; } = 10 * Megabyte;

    /// <summary>Review-request evidence: certificates and business documents (PDF or image).</summary>
    public long DocumentMaxBytes { get; set; } = 10 * Megabyte;

    /// <summary>Review-request evidence: order, shipping and logistics lists (CSV).</summary>
    public long OrderListMaxBytes { get; set; } = 20 * Megabyte;

    /// <summary>Review-request evidence: stock and unboxing videos.</summary>
    public long VideoMaxBytes { get; set; } = 500 * Megabyte;

    public int MaxFilesPerUpload { get; set; } = 5;
}
