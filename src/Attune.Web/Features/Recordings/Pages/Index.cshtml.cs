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
    }

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
        var details = new UploadDetails(Input.Name, Input.Kind, rate, file.FileName);
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
                _ => "Input.File",
            };
            var message = problem.Field == "file"
                ? $"We couldn't read that file, so nothing was saved. {problem.Message}"
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
    }
}
