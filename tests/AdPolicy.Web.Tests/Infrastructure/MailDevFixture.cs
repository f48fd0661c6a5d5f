using System.Net.Http.Json;
using System.Text.Json.Serialization;
using AdPolicy.Web.Data;

[assembly: AssemblyFixture(typeof(AdPolicy.Web.Tests.Infrastructure.MailDevFixture))]

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the run: maildev from npm, started on first use on free loopback ports, its mail kept in a
/// folder of its own. <see cref="ReceivedAsync"/> reads what arrived through its REST API (<c>GET /api/email</c>).
/// </summary>
public sealed class MailDevFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "adpolicy-test-maildev", Guid.NewGuid().ToString("N"));
    private NodeServer? _server;
    private HttpClient? _api;

    public int SmtpPort { get; private set; }

    /// <summary>Starts maildev unless it runs already; returns its SMTP port.</summary>
    public async Task<int> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_server is null)
            {
                var smtp = PostgresCluster.FreePort();
                var web = PostgresCluster.FreePort();
                Directory.CreateDirectory(_folder);
                _server = await NodeServer.StartAsync(
                    "maildev",
                    ["-s", $"{smtp}", "--ip", "127.0.0.1", "-w", $"{web}", "--web-ip", "127.0.0.1", "--mail-directory", _folder, "--silent"],
                    web);
                _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{web}/") };
                SmtpPort = smtp;
            }

            return SmtpPort;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every email that arrived for <paramref name="recipient"/>, in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> ReceivedAsync(string recipient)
    {
        await StartAsync();
        var all = await _api!.GetFromJsonAsync<List<ReceivedEmail>>("api/email") ?? [];
        return all.Where(m => m.To.Any(t => string.Equals(t.Address, recipient, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _api?.Dispose();
        _gate.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>An email as maildev's REST API shows it.</summary>
public sealed record ReceivedEmail(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("from")] IReadOnlyList<ReceivedAddress> From,
    [property: JsonPropertyName("to")] IReadOnlyList<ReceivedAddress> To,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, System.Text.Json.JsonElement> Headers)
{
    public string? MessageId => Headers.TryGetValue("message-id", out var id) ? id.ToString() : null;
}

public sealed record ReceivedAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name);
