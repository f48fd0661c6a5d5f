using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// A real server from npm (maildev, s3rver) started by the test run: installed into tests/servers by
/// <c>scripts/test.sh</c> (<c>npm ci</c> from the committed lock), started here on free loopback ports, stopped with the
/// run. A watchdog stops it too when the test process dies without disposing it (a killed run leaves nothing behind).
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeServer(Process process) => _process = process;

    /// <summary>Folder of the npm test servers (tests/servers in the repository, or ADPOLICY_TEST_SERVERS).</summary>
    public static string ServersFolder =>
        Environment.GetEnvironmentVariable("ADPOLICY_TEST_SERVERS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(BrowserFixture.RepositoryRoot(), "tests", "servers");

    /// <summary>What the server printed so far (for a failure message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>node_modules/.bin/<paramref name="bin"/></c> and waits until <paramref name="readyPort"/> accepts connections.</summary>
    public static async Task<NodeServer> StartAsync(string bin, IEnumerable<string> args, int readyPort)
    {
        var script = Path.Combine(ServersFolder, "node_modules", ".bin", bin);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"The test server '{bin}' is not installed at {script}: run scripts/test.sh (it runs `npm ci` in tests/servers), or `npm ci --prefix tests/servers`.");
        }

        // bash runs node and a watchdog: when the test process is gone, the server goes too.
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = ServersFolder,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""
            node "$@" & server=$!
            trap 'kill $server 2>/dev/null; exit 0' TERM INT
            while kill -0 "$ADPOLICY_TEST_PID" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done
            kill $server 2>/dev/null
            """);
        start.ArgumentList.Add("node-server");
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ADPOLICY_TEST_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {bin}.");
        var server = new NodeServer(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{bin} stopped at start-up (exit {process.ExitCode}):\n{server.Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, readyPort);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"{bin} did not listen on port {readyPort} within 30 s:\n{server.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
