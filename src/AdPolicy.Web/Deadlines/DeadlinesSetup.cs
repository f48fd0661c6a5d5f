using AdPolicy.Web.Infrastructure;

namespace AdPolicy.Web.Deadlines;

public static class DeadlinesSetup
{
    /// <summary>The clock and the deadline service: the 24/48/72-hour deadlines, their reminders, and expiring standing.</summary>
    public static void AddDeadlines(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (builder.Configuration.GetValue("DemoClock:Enabled", false))
        {
            // A demonstration clock an admin can move forward; all instances share its offset through the database.
            services.AddSingleton<DemoClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DemoClock>());
            services.AddScoped<ISweep, DemoClockSync>();

            // Moving the demo clock a day forward must not sign everyone out: sign-in lifetimes keep real time.
            services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
            services.PostConfigure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.TimeProvider = TimeProvider.System);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddValidatedOptions<DeadlineServiceOptions>(DeadlineServiceOptions.Section);
        services.AddScoped<DeadlineEnforcer>();
        services.AddScoped<ISweep, AceDeadlineSweep>();
        services.AddScoped<ISweep, DeadlineReminderSweep>();
        services.AddScoped<ISweep, StandingSweep>();
    }
}
