using Microsoft.Playwright;

namespace AiCompare.Tests.Support;

/// <summary>
/// The site on a real Kestrel port, and Debian's chromium driven by Playwright (never a downloaded
/// browser). On a machine without chromium, browser tests are skipped locally and fail in CI.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    public static readonly string? ChromiumPath = new[] { "/usr/bin/chromium", "/usr/lib/chromium/chromium" }
        .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "chromium")))
        .FirstOrDefault(File.Exists);

    private IPlaywright? _playwright;

    public SiteFactory Factory { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (ChromiumPath is null) return;
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile: its own cookies and storage.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (ChromiumPath is not null)
        {
            await Browser.DisposeAsync();
            _playwright?.Dispose();
        }
        Factory.Dispose();
    }
}

/// <summary>A test that needs a real browser.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserSite.ChromiumPath is null && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "Debian's chromium is not installed (apt-get install chromium); CI installs it and runs this test.";
    }
}
