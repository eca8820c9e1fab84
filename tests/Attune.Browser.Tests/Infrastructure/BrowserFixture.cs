using Microsoft.Playwright;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>Screen sizes the pages are checked at.</summary>
public enum FormFactor
{
    /// <summary>390×844 CSS pixels, touch, device scale 2.</summary>
    Phone,

    /// <summary>1280×800 CSS pixels.</summary>
    Desktop,
}

/// <summary>
/// One headless Debian chromium (driven by Playwright's bundled driver, nothing downloaded) and one app
/// server for the whole <see cref="BrowserCollection"/>. Each test opens its own isolated context with
/// <see cref="NewPageAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Overrides the browser binary (default <c>/usr/bin/chromium</c>).</summary>
    public const string ChromiumPathVariable = "ATTUNE_CHROMIUM_PATH";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private AppServer? _server;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The app shared by the collection (SQLite). Tests needing an empty database start their own <see cref="AppServer"/>.</summary>
    public AppServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: install Debian's chromium (./test.sh does) or set {ChromiumPathVariable}.");
        }

        _server = await AppServer.StartAsync(settings: AppServer.RelaxedRateLimits);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    /// <summary>
    /// A page in a fresh browser context (own cookies and storage) whose relative URLs resolve against
    /// <paramref name="baseAddress"/> (default: <see cref="Server"/>). With <paramref name="javaScriptEnabled"/>
    /// false the pages' scripts do not run (the test can still evaluate its own through the DevTools protocol).
    /// <paramref name="storageState"/> (from <see cref="IBrowserContext.StorageStateAsync"/>) starts it with another
    /// context's cookies and storage, e.g. signed in once and reused by several tests.
    /// </summary>
    public async Task<PageSession> NewPageAsync(
        FormFactor formFactor = FormFactor.Desktop,
        ColorScheme colorScheme = ColorScheme.Light,
        Uri? baseAddress = null,
        bool javaScriptEnabled = true,
        string? storageState = null)
    {
        var phone = formFactor == FormFactor.Phone;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseAddress ?? Server.BaseAddress).ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
            ColorScheme = colorScheme,
            Locale = "en-US",
            TimezoneId = "UTC",
            JavaScriptEnabled = javaScriptEnabled,
            StorageState = storageState,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new PageSession(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>A page and its browser context; disposing closes both.</summary>
public sealed record PageSession(IBrowserContext Context, IPage Page) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
