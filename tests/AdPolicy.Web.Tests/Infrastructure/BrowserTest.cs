using Microsoft.Playwright;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// Base for browser tests: each test gets a fresh <see cref="IBrowserContext"/> (own cookies) and <see cref="Page"/> on the
/// shared Chromium, pointed at the class's Kestrel app (relative URLs work: <c>Page.GotoAsync("/Promotions")</c>).
/// Actions and expectations time out after 15 s. <see cref="ScreenshotAsync"/> saves
/// <c>TestResults/screenshots/&lt;TestClass&gt;/&lt;TestMethod&gt;/NN-&lt;step&gt;.png</c> under the repository root
/// (or under ADPOLICY_SCREENSHOTS); a failed test also leaves <c>failure.png</c> there.
/// </summary>
public abstract class BrowserTest<TApp>(TApp app, BrowserFixture browsers) : IAsyncLifetime
    where TApp : KestrelAppFactory
{
    private readonly List<string> _problems = [];
    private readonly List<IPage> _others = [];
    private int _step;

    protected TApp App => app;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Where this test's screenshots go.</summary>
    protected string ScreenshotFolder { get; private set; } = string.Empty;

    /// <summary>
    /// Uncaught script errors, Content-Security-Policy violations (the browser reports them on the console) and
    /// same-origin responses of 400 or more (a missing stylesheet, a crashing page) seen so far.
    /// </summary>
    protected IReadOnlyList<string> PageProblems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public virtual async ValueTask InitializeAsync()
    {
        var method = TestContext.Current.TestMethod?.MethodName ?? "test";
        ScreenshotFolder = Path.Combine(BrowserFixture.ScreenshotRoot, GetType().Name, method);
        if (Directory.Exists(ScreenshotFolder))
        {
            Directory.Delete(ScreenshotFolder, recursive: true);
        }

        Directory.CreateDirectory(ScreenshotFolder);

        (Context, Page) = await OpenContextAsync();
    }

    /// <summary>
    /// Another person at another browser: a page in a context of its own (own cookies), set up like <see cref="Page"/>,
    /// its problems added to <see cref="PageProblems"/>, closed with the test.
    /// </summary>
    /// <summary>Signs <see cref="Page"/> in as a demo user, after signing out whoever was signed in.</summary>
    protected async Task SignInAsync(string email)
    {
        await Context.ClearCookiesAsync();
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(AdPolicy.Web.Data.DemoData.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
    }

    protected async Task<IPage> NewPersonAsync()
    {
        var (_, page) = await OpenContextAsync();
        lock (_others)
        {
            _others.Add(page);
        }

        return page;
    }

    /// <summary>Saves a full-page screenshot of <see cref="Page"/> as <c>NN-&lt;step&gt;.png</c> in <see cref="ScreenshotFolder"/>.</summary>
    protected Task ScreenshotAsync(string step) => ScreenshotAsync(Page, step);

    /// <summary>Saves a full-page screenshot of <paramref name="page"/> (e.g. another person's) as <c>NN-&lt;step&gt;.png</c>.</summary>
    protected async Task ScreenshotAsync(IPage page, string step)
    {
        var file = Path.Combine(ScreenshotFolder, $"{Interlocked.Increment(ref _step):00}-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    private async Task<(IBrowserContext Context, IPage Page)> OpenContextAsync()
    {
        var browser = await browsers.BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(BrowserFixture.DefaultTimeoutMs);
        context.SetDefaultNavigationTimeout(BrowserFixture.DefaultTimeoutMs);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Problem($"script error on {page.Url}: {error}");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Problem($"CSP violation on {page.Url}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Url.StartsWith(app.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            {
                Problem($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        return (context, page);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Context is null)
        {
            return;
        }

        try
        {
            if (TestContext.Current.TestState?.Result is TestResult.Failed)
            {
                IPage[] pages = [Page, .. _others];
                for (var i = 0; i < pages.Length; i++)
                {
                    if (!pages[i].IsClosed)
                    {
                        var name = i == 0 ? "failure.png" : $"failure-person{i + 1}.png";
                        await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name), FullPage = true, Timeout = 5_000 });
                    }
                }
            }
        }
        catch (PlaywrightException)
        {
            // The failure itself is what matters; a page that cannot be photographed must not hide it.
        }
        finally
        {
            foreach (var other in _others)
            {
                await other.Context.CloseAsync();
            }

            await Context.CloseAsync();
        }

        GC.SuppressFinalize(this);
    }

    private void Problem(string text)
    {
        lock (_problems)
        {
            _problems.Add(text);
        }
    }
}
