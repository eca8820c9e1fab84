using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Recordings;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Attune.Browser.Tests.Journeys;

/// <summary>What a person does with heart recordings: the upload form as they read it, plus seeding for tests about other things.</summary>
public static partial class RecordingSteps
{
    /// <summary>Fills the upload form on /insights/recordings and submits it, without assuming where it leads.</summary>
    /// <param name="page">A signed-in page.</param>
    /// <param name="file">The file chosen in the file picker.</param>
    /// <param name="kindLabel">The visible option of "What the file holds".</param>
    /// <param name="name">The name typed in, or null to leave it empty.</param>
    /// <param name="sampleRateHz">For ECG files, the rate typed in.</param>
    public static async Task SubmitUploadAsync(IPage page, FilePayload file, string kindLabel, string? name = null, double? sampleRateHz = null)
    {
        await page.GotoAsync("insights/recordings");
        await page.GetByLabel("Recording file").SetInputFilesAsync(file);
        await page.GetByLabel("What the file holds").SelectOptionAsync(new SelectOptionValue { Label = kindLabel });
        if (sampleRateHz is { } rate)
        {
            await page.GetByLabel("ECG sample rate (Hz)").FillAsync(rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (name is not null)
        {
            await page.GetByLabel("Name (optional)").FillAsync(name);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and look" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Uploads a file from shared/reference-data and waits for its analysis page; returns the recording's id.</summary>
    public static async Task<Guid> UploadAsync(IPage page, string referenceFile, string kindLabel, string name, double? sampleRateHz = null)
    {
        var path = ReferenceData.Path(referenceFile);
        await SubmitUploadAsync(page, new FilePayload
        {
            Name = System.IO.Path.GetFileName(path),
            MimeType = "text/csv",
            Buffer = await File.ReadAllBytesAsync(path),
        }, kindLabel, name, sampleRateHz);
        await page.WaitForURLAsync(DetailPage(), new() { Timeout = 60_000 });
        return Guid.Parse(DetailPage().Match(page.Url).Groups["id"].Value);
    }

    /// <summary>
    /// A recording stored through the app's own upload path rather than the form (quicker, for tests about
    /// other things): the same validation and parsing, owned by the user with <paramref name="email"/>.
    /// </summary>
    public static async Task<Guid> SeedAsync(AppServer server, string email, string referenceFile, string kind, string name, double? sampleRateHz = null)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var path = ReferenceData.Path(referenceFile);
        var (recording, problem) = await RecordingUploads.CreateAsync(
            db, user.Id, await File.ReadAllBytesAsync(path), new UploadDetails(name, kind, sampleRateHz, System.IO.Path.GetFileName(path)),
            TimeProvider.System, CancellationToken.None);
        Assert.True(problem is null, problem?.Message);
        return recording!.Id;
    }

    /// <summary>
    /// A made-up couple for pictures (the reference dyad has no licence to be shown in the repository):
    /// 20 minutes of beats from two heart rates that share slow swings, the second following the first by
    /// about 2.5 s, and drifting apart for a few minutes in the middle.
    /// </summary>
    /// <param name="server">The app.</param>
    /// <param name="email">Whose account gets the first person's recording (and the second's, unless <paramref name="secondEmail"/> is given).</param>
    /// <param name="secondEmail">Whose account gets the second person's recording, for two people each recording on their own phone.</param>
    public static async Task<(Guid A, Guid B)> SeedSyntheticCoupleAsync(AppServer server, string email, string? secondEmail = null)
    {
        var random = new Random(20261129);
        double[] phases = [random.NextDouble() * 6.3, random.NextDouble() * 6.3, random.NextDouble() * 6.3];
        double Shared(double t) =>
            3.0 * Math.Sin(2 * Math.PI * 0.021 * t + phases[0]) + 2.5 * Math.Sin(2 * Math.PI * 0.047 * t + phases[1]) + 2.0 * Math.Sin(2 * Math.PI * 0.013 * t + phases[2]);
        double Own(double t, double seed) => 3.0 * Math.Sin(2 * Math.PI * 0.033 * t + seed) + 2.0 * Math.Sin(2 * Math.PI * 0.071 * t + 2 * seed);
        double First(double t) => 72 + Shared(t) + 0.6 * Own(t, 1.1);
        double Second(double t)
        {
            const double lag = 2.5;
            var coupling = t is > 420 and < 660 ? 0.15 : 1.0;
            return 67 + coupling * Shared(t - lag) + (1.6 - coupling) * Own(t, 4.2);
        }
        var a = await SeedTextAsync(server, email, Beats(First, random), "rr", "Sam, evening talk");
        var b = await SeedTextAsync(server, secondEmail ?? email, Beats(Second, random), "rr", "Alex, evening talk");
        return (a, b);

        static string Beats(Func<double, double> heartRate, Random random)
        {
            var csv = new System.Text.StringBuilder("t_s,rr_ms\n");
            for (var t = 0.0; t < 1200;)
            {
                var rr = 60.0 / heartRate(t) + (random.NextDouble() - 0.5) * 0.012;
                t += rr;
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{t:F3},{rr * 1000:F1}\n");
            }
            return csv.ToString();
        }
    }

    /// <summary>Stores <paramref name="csv"/> as a recording of <paramref name="email"/> through the app's upload path.</summary>
    public static async Task<Guid> SeedTextAsync(AppServer server, string email, string csv, string kind, string name)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var (recording, problem) = await RecordingUploads.CreateAsync(
            db, user.Id, System.Text.Encoding.UTF8.GetBytes(csv), new UploadDetails(name, kind, null, name + ".csv"),
            TimeProvider.System, CancellationToken.None);
        Assert.True(problem is null, problem?.Message);
        return recording!.Id;
    }

    /// <summary>The two people of the reference dyad, seeded for <paramref name="email"/>: (first, second).</summary>
    public static async Task<(Guid A, Guid B)> SeedDyadAsync(AppServer server, string email) =>
        (await SeedAsync(server, email, ReferenceData.DyadA, "ecg", "Sam, talking", ReferenceData.DyadSampleRateHz),
         await SeedAsync(server, email, ReferenceData.DyadB, "ecg", "Alex, talking", ReferenceData.DyadSampleRateHz));

    /// <summary>
    /// Scrolls to each chart of an analysis page in turn, as a reader does, and waits until the browser has drawn it
    /// (it draws a chart only as it comes near the screen).
    /// </summary>
    public static async Task ScrollPastChartsAsync(IPage page)
    {
        var figures = page.Locator("figure[data-analysis-chart], figure[data-tachogram]");
        for (var i = 0; i < await figures.CountAsync(); i++)
        {
            await figures.Nth(i).ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(figures.Nth(i).Locator(".uplot-host canvas")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
    }

    /// <summary>
    /// Pixels of a chart's canvas in the data's teal (the light theme's --primary, #1b6663, and its blends): the axes,
    /// grid, bands and labels are beige, coral or grey, so only a drawn series counts.
    /// </summary>
    public static Task<int> SeriesPixelsAsync(ILocator canvas) => canvas.EvaluateAsync<int>("""
        c => {
          const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 40 && d[i + 1] > d[i] + 30 && d[i + 2] > d[i] + 30) n++;
          return n;
        }
        """);

    /// <summary>Matches a recording's analysis page and captures its id.</summary>
    [GeneratedRegex(@"^https?://[^/]+/insights/recordings/(?<id>[0-9a-f-]{36})$")]
    public static partial Regex DetailPage();
}
