using System.Threading.Channels;

namespace AdPolicy.Web.Complaints;

/// <summary>
/// "Lost your link?" requests waiting to be worked. The page only drops the address here, which costs the same for any
/// address, and answers; <see cref="LostLinkSender"/> then looks the address up and emails the links. So neither the
/// answer nor its timing says whether anyone filed with the address. Held in memory: a request caught in a restart is
/// lost, and the person asks again (nothing else depends on it). When full, further requests are dropped the same way.
/// </summary>
public sealed class LostLinkRequests
{
    public const int Capacity = 1000;

    private readonly Channel<string> channel = Channel.CreateBounded<string>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private int outstanding;

    public ChannelReader<string> Reader => channel.Reader;

    /// <summary>Requests added and not yet worked (for the tests and the log; nothing depends on it).</summary>
    public int Outstanding => Volatile.Read(ref outstanding);

    public void Add(string email)
    {
        if (channel.Writer.TryWrite(email))
        {
            Interlocked.Increment(ref outstanding);
        }
    }

    /// <summary>One request was worked (or failed).</summary>
    public void Done() => Interlocked.Decrement(ref outstanding);
}

/// <summary>Works the <see cref="LostLinkRequests"/>: each in its own scope and transaction (<see cref="ComplaintDesk.SendLinksAgainAsync"/>).</summary>
public sealed partial class LostLinkSender(LostLinkRequests requests, IServiceScopeFactory scopes, ILogger<LostLinkSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var email in requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var sent = await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().SendLinksAgainAsync(email, stoppingToken);
                    LogAnswered(logger, sent);
                }
#pragma warning disable CA1031 // One failed request (a database restart) must not stop the others; the person can ask again.
                catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    // Only the type: a message could name the address.
                    LogFailed(logger, failure.GetType().Name);
                }
                finally
                {
                    requests.Done();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lost-link request answered; {Count} tracking link(s) emailed")]
    private static partial void LogAnswered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lost-link request failed ({ErrorType}); nothing was sent for it")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
