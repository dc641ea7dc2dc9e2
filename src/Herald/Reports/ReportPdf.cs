using Microsoft.Playwright;

namespace Herald.Reports;

/// <summary>
/// Prints a report's HTML to PDF with headless Chromium through Playwright (Apache-2.0; Chromium BSD). A browser is
/// launched per report: a report is rare and a pooled browser would hold ~150 MB for nothing. The page gets the HTML
/// with SetContentAsync and every network request is refused, so a report cannot fetch anything.
/// </summary>
public sealed class ReportPdf(IConfiguration configuration)
{
    private static readonly SemaphoreSlim Concurrency = new(2);

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        await Concurrency.WaitAsync(ct);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = configuration["Reports:ChromiumPath"] is { Length: > 0 } path ? path : "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Offline = true });
            var page = await context.NewPageAsync();
            await page.RouteAsync("**/*", route => route.AbortAsync());
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            return await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        }
        finally
        {
            Concurrency.Release();
        }
    }
}
