using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Infrastructure;

public static class OptionsSetup
{
    /// <summary>Options bound from a configuration section, checked against their annotations when the app starts.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
