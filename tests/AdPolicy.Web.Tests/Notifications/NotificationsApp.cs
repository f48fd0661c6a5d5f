using AdPolicy.Web.Data;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Notifications;

/// <summary>The app with its own pickup folder and the background sender off: tests run the sender's passes themselves.</summary>
public class NotificationsApp(PostgresFixture postgres) : AppFactory(postgres)
{
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "adpolicy-test-mail", Guid.NewGuid().ToString("N"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(MailFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        GC.SuppressFinalize(this);
    }

    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [("Outbox:Enabled", SenderRuns ? "true" : "false"), ("Outbox:IntervalSeconds", "1"), ("Outbox:PickupFolder", MailFolder)];

    protected virtual bool SenderRuns => false;

    public Task<Guid> UserIdAsync(string email) =>
        WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Runs <paramref name="work"/> with a Notifier on a fresh DbContext, then saves: one transaction, like a page would.</summary>
    public async Task NotifyAndSaveAsync(Func<Notifier, Task> work)
    {
        await using var scope = Scope();
        await work(scope.ServiceProvider.GetRequiredService<Notifier>());
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }

    /// <summary>The .eml files in the pickup folder (the staging folder inside it holds none once a pass is over).</summary>
    public string[] MailFiles() =>
        Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml", SearchOption.AllDirectories) : [];
}
