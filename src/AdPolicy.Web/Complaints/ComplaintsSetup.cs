using AdPolicy.Web.Infrastructure;

namespace AdPolicy.Web.Complaints;

public static class ComplaintsSetup
{
    /// <summary>ACE complaints and what follows from them: filing, decisions, violations, standing and enforcement.</summary>
    public static void AddComplaints(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ComplaintDesk>();
        services.AddScoped<AceStandings>();
        services.AddScoped<AceNotices>();
        services.AddScoped<EnforcementDesk>();
        services.AddValidatedOptions<ComplaintLimits>(ComplaintLimits.Section);
        services.AddSingleton<ComplaintFilingLimiter>();
        services.AddSingleton<LostLinkRequests>();
        services.AddHostedService<LostLinkSender>();
        ComplaintLanguageProvider.Register(services);
    }
}
