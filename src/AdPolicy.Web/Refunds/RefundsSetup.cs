namespace AdPolicy.Web.Refunds;

public static class RefundsSetup
{
    /// <summary>Refund requests: filing (with the pre-check under the promotion's lock) and answering, for the pages and the API.</summary>
    public static void AddRefunds(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<RefundDesk>();
}
