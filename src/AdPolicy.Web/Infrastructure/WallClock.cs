using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Real time, for what lives outside the product's clock: sign-in lifetimes (the session rows, the cookie, the security
/// stamp check) and the age of files on disk. It is the app's <see cref="TimeProvider"/>, except under the demo clock,
/// which an admin moves days ahead: moving it must not sign everyone out nor make an upload in progress look abandoned.
/// Registered once (<see cref="AddWallClock"/>); everything that needs real time takes this type, not TimeProvider.
/// </summary>
public sealed class WallClock(TimeProvider time)
{
    public TimeProvider Time => time;

    public DateTimeOffset GetUtcNow() => time.GetUtcNow();

    /// <param name="services">The app's services.</param>
    /// <param name="demoClock">True when the app's TimeProvider is the demo clock: then real time is the system's.</param>
    public static void AddWallClock(IServiceCollection services, bool demoClock)
    {
        services.AddSingleton(sp => new WallClock(demoClock ? TimeProvider.System : sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(sp =>
            new PostConfigureOptions<CookieAuthenticationOptions, WallClock>(null, sp.GetRequiredService<WallClock>(), (o, clock) => o.TimeProvider = clock.Time));
        services.AddSingleton<IPostConfigureOptions<SecurityStampValidatorOptions>>(sp =>
            new PostConfigureOptions<SecurityStampValidatorOptions, WallClock>(null, sp.GetRequiredService<WallClock>(), (o, clock) => o.TimeProvider = clock.Time));
    }
}
