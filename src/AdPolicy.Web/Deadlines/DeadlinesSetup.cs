using AdPolicy.Web.Infrastructure;

namespace AdPolicy.Web.Deadlines;

public static class DeadlinesSetup
{
    /// <summary>The clock and the deadline service: the 24/48/72-hour deadlines, their reminders, and expiring standing.</summary>
    public static void AddDeadlines(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var demoClock = builder.Configuration.GetValue("DemoClock:Enabled", false);
        if (demoClock)
        {
            // A demonstration clock an admin can move forward; all instances share its offset through the database.
            services.AddSingleton<DemoClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DemoClock>());
            services.AddScoped<ISweep, DemoClockSync>();
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        // Moving the demo clock a day forward must not sign everyone out: sign-in lifetimes (and file ages) keep real time.
        WallClock.AddWallClock(services, demoClock);

        services.AddValidatedOptions<DeadlineServiceOptions>(DeadlineServiceOptions.Section);
        services.AddScoped<DeadlineEnforcer>();
        services.AddScoped<ISweep, AceDeadlineSweep>();
        services.AddScoped<ISweep, DeadlineReminderSweep>();
        services.AddScoped<ISweep, StandingSweep>();
    }
}
