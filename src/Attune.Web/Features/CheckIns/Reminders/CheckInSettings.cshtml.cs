using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Accounts.Settings;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// Settings, Check-ins: who sees new check-ins by default, when to be reminded, the devices that remind, and the
/// calendar address. Everything works without JavaScript except turning on notifications in this browser.
/// </summary>
public sealed class CheckInSettingsModel(AttuneDb db, ReminderSettings settings, PushDevices devices, IOptions<AttuneOptions> options) : PageModel
{
    public const int TimeFields = CheckInPreferences.MaxFixedReminders;

    [BindProperty]
    public string DefaultVisibility { get; set; } = "private";

    [BindProperty]
    public List<string?> Times { get; set; } = [];

    [BindProperty]
    public int RandomPerDay { get; set; }

    [BindProperty]
    public string RandomFrom { get; set; } = "09:00";

    [BindProperty]
    public string RandomTo { get; set; } = "21:00";

    public CheckInSettingsDto Current { get; private set; } = null!;

    public List<PushDeviceDto> Devices { get; private set; } = [];

    /// <summary>This browser's own push address is compared with these to show whether it is on (owner-only page).</summary>
    public List<string> Endpoints { get; private set; } = [];

    public string Zone { get; private set; } = TimeZones.Default;

    /// <summary>The new calendar address, in this response only.</summary>
    public string? NewFeedUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(fillForm: true, cancel);

    public async Task<IActionResult> OnPostVisibilityAsync(CancellationToken cancel)
    {
        if (await settings.SaveAsync(User.UserId(), new CheckInSettingsRequest(DefaultVisibility: DefaultVisibility), cancel) is { } errors)
        {
            AddErrors(errors);
            await LoadAsync(fillForm: false, cancel);
            return Page();
        }
        TempData["StatusMessage"] = DefaultVisibility == "shared"
            ? "New check-ins will be shared with the people you share check-ins with. You can still make any one private."
            : "New check-ins will be private to you. You can still share any one you choose.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemindersAsync(CancellationToken cancel)
    {
        var request = new CheckInSettingsRequest(
            ReminderTimes: [.. Times.Select(t => t ?? "")], RandomPerDay: RandomPerDay, RandomFrom: RandomFrom, RandomTo: RandomTo);
        if (await settings.SaveAsync(User.UserId(), request, cancel) is { } errors)
        {
            AddErrors(errors);
            await LoadAsync(fillForm: false, cancel);
            return Page();
        }
        TempData["StatusMessage"] = "Your reminders are saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateFeedAsync(CancellationToken cancel)
    {
        var secret = await settings.CreateCalendarFeedAsync(User.UserId(), cancel);
        NewFeedUrl = RemindersApi.FeedUrl(HttpContext, options.Value, secret);
        await LoadAsync(fillForm: true, cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken cancel)
    {
        TempData["StatusMessage"] = await settings.RevokeCalendarFeedAsync(User.UserId(), cancel)
            ? "The calendar address no longer works. Calendars subscribed to it will stop showing reminders at their next refresh."
            : "There was no calendar address to stop.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveDeviceAsync(Guid id, CancellationToken cancel)
    {
        if (!await devices.RemoveAsync(User.UserId(), id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "That device won't get reminders any more.";
        return RedirectToPage();
    }

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string Time(int index) => index < Times.Count ? Times[index] ?? "" : "";

    private void AddErrors(Dictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError(field, messages[0]);
        }
    }

    private async Task LoadAsync(bool fillForm, CancellationToken cancel)
    {
        // The calendar address appears on this page once: no cache may keep it.
        SettingsPages.NoStore(this);
        var me = User.UserId();
        Current = await settings.GetAsync(me, cancel);
        Devices = await devices.ListAsync(me, cancel);
        Endpoints = await devices.EndpointsAsync(me, cancel);
        Zone = await TimeZones.OfUserAsync(db, me, cancel) ?? TimeZones.Default;
        if (fillForm)
        {
            ModelState.Clear();
            DefaultVisibility = Current.DefaultVisibility;
            Times = [.. Current.ReminderTimes];
            RandomPerDay = Current.RandomPerDay;
            RandomFrom = Current.RandomFrom;
            RandomTo = Current.RandomTo;
        }
    }
}
