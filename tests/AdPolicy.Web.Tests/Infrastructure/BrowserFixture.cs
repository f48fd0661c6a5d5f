using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(AdPolicy.Web.Tests.Infrastructure.BrowserFixture))]

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole run, started on first use: a run without browser tests starts no browser.
/// Uses the machine's Chromium (/usr/bin/chromium, or ADPOLICY_CHROMIUM); Playwright never downloads one here.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    public const float DefaultTimeoutMs = 15_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("ADPOLICY_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    /// <summary>Screenshots go to TestResults/screenshots under the repository root, or to ADPOLICY_SCREENSHOTS.</summary>
    public static string ScreenshotRoot =>
        Environment.GetEnvironmentVariable("ADPOLICY_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    /// <summary>The shared browser; the first call launches it.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (_browser is { IsConnected: true })
        {
            return _browser;
        }

        await _gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            var executable = ExecutablePath;
            if (!File.Exists(executable))
            {
                throw new InvalidOperationException(
                    $"Chromium was not found at {executable}: run the test script (scripts/test.sh, which installs it) or `sudo apt-get install -y chromium`, or set ADPOLICY_CHROMIUM to a Chromium binary.");
            }

            Assertions.SetDefaultExpectTimeout(DefaultTimeoutMs);
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Timeout = 30_000,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--no-first-run",
                ],
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }

    /// <summary>The folder holding AdPolicy.sln above the test assembly: where TestResults and the docs are.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdPolicy.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
