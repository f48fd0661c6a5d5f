using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;

namespace AdPolicy.Web.Notifications;

public static class NotificationsSetup
{
    /// <summary>In-app notifications and the email outbox (SMTP, or a pickup folder under the local data folder).</summary>
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var localData = LocalData.Folder(builder.Configuration, builder.Environment);
        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section)
            .PostConfigure(o => o.PickupFolder = Path.GetFullPath(o.PickupFolder is { Length: > 0 } folder ? folder : Path.Combine(localData, "mail")))
            .Validate(o => o.LeaseSeconds > o.Smtp.TimeoutSeconds, "Outbox:LeaseSeconds must be longer than Outbox:Smtp:TimeoutSeconds, so a lease covers a delivery.")
            .Validate(o => o.MaxBackoffSeconds >= o.BackoffSeconds, "Outbox:MaxBackoffSeconds must not be shorter than Outbox:BackoffSeconds.")
            .Validate(o => o.Smtp.Port is > 0 and < 65_536, "Outbox:Smtp:Port must be a TCP port between 1 and 65535.")
            .Validate(o => o.Smtp.TimeoutSeconds > 0, "Outbox:Smtp:TimeoutSeconds must be positive.");
        services.AddScoped<Notifier>();
        services.AddValidatedOptions<UnreadBadgeOptions>(UnreadBadgeOptions.Section);
        services.AddSingleton<UnreadBadge>();
        services.AddSingleton<UnreadNotificationsLink>();
        services.AddSingleton<NotificationChangeInterceptor>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
    }
}
