using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>Your recordings, and the upload form. A refused file is explained and nothing is stored.</summary>
[RequestSizeLimit(RecordingsApi.MaxUploadBodyBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = RecordingsApi.MaxUploadBodyBytes)]
public sealed class IndexModel(
    AttuneDb db, Access access, TimeProvider clock, Microsoft.Extensions.Options.IOptions<RecordingLimits> limits, RecordingAnalyses analyses) : PageModel
{
    public static readonly (string Value, string Label)[] Kinds =
    [
        ("rr", "Beat-to-beat intervals (RR), e.g. from a chest strap"),
        ("heart-rate", "Heart rate over time (bpm)"),
        ("ecg", "Raw ECG"),
    ];

    public List<RecordingDto> Rows { get; private set; } = [];

    /// <summary>Other people's recordings shared with the reader.</summary>
    public List<RecordingDto> Shared { get; private set; } = [];

    /// <summary>The viewer's IANA zone id, for <see cref="TimeZones.Format"/>.</summary>
    public string? Zone { get; private set; }

    [BindProperty]
    public UploadInput Input { get; set; } = new();

    public sealed class UploadInput
    {
        [Display(Name = "Recording file")]
        public IFormFile? File { get; set; }

        [Display(Name = "Name (optional)")]
        public string? Name { get; set; }

        [Display(Name = "What the file holds")]
        public string Kind { get; set; } = "rr";

        [Display(Name = "ECG sample rate (Hz)")]
        public string? SampleRateHz { get; set; }

        [Display(Name = "EDF signal (optional)")]
        public string? Channel { get; set; }
    }

    /// <summary>Where each listed recording's first analysis stands, when one is queued or running.</summary>
    public Dictionary<Guid, AnalysisLookup.Pending> Progress { get; } = [];

    /// <summary>Recordings whose analysis failed on every allowed attempt, with how many there were.</summary>
    public Dictionary<Guid, int> GaveUp { get; } = [];

    /// <summary>What the list says about a recording still being analysed.</summary>
    public static string ProgressText(AnalysisLookup.Pending p) => p switch
    {
        { AboutSeconds: 0, State: AnalysisState.Queued } => "waiting its turn",
        { AboutSeconds: 0 } => "being analysed",
        { State: AnalysisState.Queued, Ahead: > 0 } => $"waiting its turn ({p.Ahead} ahead), about {RecordingPages.Elapsed(p.AboutSeconds)}",
        _ => $"being analysed, about {RecordingPages.Elapsed(p.AboutSeconds)} left",
    };

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var file = Input.File;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("Input.File", file is null ? "Please choose a file to upload." : "That file is empty. Please choose the exported recording.");
        }
        else if (file.Length > RecordingFiles.MaxBytes)
        {
            ModelState.AddModelError("Input.File", $"That file is larger than {RecordingFiles.MaxBytes / (1024 * 1024)} MB. Please split a longer recording into parts.");
        }
        double? rate = null;
        if (!string.IsNullOrWhiteSpace(Input.SampleRateHz))
        {
            if (double.TryParse(Input.SampleRateHz.Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r))
            {
                rate = r;
            }
            else
            {
                ModelState.AddModelError("Input.SampleRateHz", "Please enter the sample rate as a number, like 250.");
            }
        }
        if (ModelState.ErrorCount > 0 || file is null)
        {
            await LoadAsync(cancel);
            return Page();
        }
        byte[]? bytes;
        await using (var stream = file.OpenReadStream())
        {
            bytes = await RecordingFiles.ReadLimitedAsync(stream, RecordingFiles.MaxBytes, cancel);
        }
        var details = new UploadDetails(Input.Name, Input.Kind, rate, file.FileName, string.IsNullOrWhiteSpace(Input.Channel) ? null : Input.Channel.Trim());
        var (recording, problem) = bytes is null
            ? (null, new UploadProblem("file", "That file is too large."))
            : await RecordingUploads.CreateAsync(db, User.UserId(), bytes, details, clock, cancel, limits.Value, analyses);
        if (problem is not null)
        {
            var key = problem.Field switch
            {
                "name" => "Input.Name",
                "kind" => "Input.Kind",
                "sampleRateHz" => "Input.SampleRateHz",
                "channel" => "Input.Channel",
                _ => "Input.File",
            };
            var message = problem.Field == "file"
                ? $"We couldn't read that file, so nothing was saved. {problem.Message}"
                : problem.Channels is { Count: > 0 } channels
                    ? $"{problem.Message} Type one of: {string.Join(", ", channels)}."
                    : problem.Message;
            ModelState.AddModelError(key, message);
            await LoadAsync(cancel);
            return Page();
        }
        TempData["StatusMessage"] = $"“{recording!.Name}” is saved. Here is what it shows.";
        return RedirectToPage("/Recordings/Pages/Detail", new { id = recording.Id });
    }

    private async Task LoadAsync(CancellationToken cancel)
    {
        var me = User.UserId();
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        var all = await RecordingReads.ListAsync(access, db, me, Whose.All, cancel);
        Rows = [.. all.Where(r => r.SharedBy is null)];
        Shared = [.. all.Where(r => r.SharedBy is not null)];
        foreach (var r in all)
        {
            if (analyses.Progress(r.Id) is { } pending)
            {
                Progress[r.Id] = pending;
            }
        }
        // Analyses under way on other nodes, or given up, as the shared jobs say (decision 0022).
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (id, job) in await AnalysisJobs.UnfinishedAsync(db, [.. all.Select(r => r.Id).Where(id => !Progress.ContainsKey(id))], cancel))
        {
            if (job.State == AnalysisJobState.Failed)
            {
                GaveUp[id] = job.Attempts;
            }
            else if (job.LeaseUntil > now || job.State == AnalysisJobState.Queued)
            {
                Progress[id] = new AnalysisLookup.Pending(job.State == AnalysisJobState.Running ? AnalysisState.Running : AnalysisState.Queued, 0);
            }
        }
        if (Progress.Count > 0)
        {
            // The list looks again by itself until every first analysis is done.
            ViewData["RefreshSeconds"] = 5;
        }
    }
}
