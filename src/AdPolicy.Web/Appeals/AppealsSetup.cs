namespace AdPolicy.Web.Appeals;

public static class AppealsSetup
{
    /// <summary>Appeals (review requests): what may be appealed, evidence and its automatic checks, the reviewer's decision.</summary>
    public static void AddAppeals(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AppealSubjects>();
        builder.Services.AddScoped<AppealDesk>();
    }
}
