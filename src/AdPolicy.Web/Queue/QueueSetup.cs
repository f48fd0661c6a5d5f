using AdPolicy.Web.Infrastructure;

namespace AdPolicy.Web.Queue;

public static class QueueSetup
{
    /// <summary>The staff queue: assignment, the folded status counts and the first-response reminders.</summary>
    public static void AddQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CaseAssignments>();
        builder.Services.AddValidatedOptions<ReadCacheOptions>(ReadCacheOptions.Section);
        builder.Services.AddSingleton<QueueReadCache>();
        builder.Services.AddSingleton<StaffChangeInterceptor>();
        builder.Services.AddScoped<ISweep, QueueCountFolder>();
        builder.Services.AddScoped<ISweep, ResponseReminders>();
    }
}
