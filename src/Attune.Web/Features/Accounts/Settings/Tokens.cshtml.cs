using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Accounts.Settings;

public sealed record TokenRow(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string CreatedAt, string? LastUsedAt, string? ExpiresAt, bool Expired);

public sealed class TokensModel(AttuneDb db, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<(int Days, string Label)> ExpiryChoices =
        [(30, "In 30 days"), (AccessTokens.DefaultLifetimeDays, "In 90 days"), (AccessTokens.MaxLifetimeDays, "In a year")];

    [BindProperty]
    public CreateTokenInput Input { get; set; } = new();

    public IReadOnlyList<TokenRow> Rows { get; private set; } = [];

    /// <summary>The new token, rendered in this response only: never redirected through TempData cookies.</summary>
    public string? NewSecret { get; private set; }

    public string? NewTokenName { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (name, nameError) = TextRules.SingleLine(Input.Name, PersonalAccessToken.NameMaxLength, "name", required: true);
        if (nameError is not null)
        {
            ModelState.AddModelError("Input.Name", nameError);
        }
        if (!ExpiryChoices.Any(c => c.Days == Input.ExpiresInDays))
        {
            ModelState.AddModelError("Input.ExpiresInDays", "Please choose one of the options.");
        }
        var scopes = Input.Scopes.Distinct().ToList();
        if (scopes.Count == 0 || scopes.Any(s => !TokenScopes.All.Contains(s)))
        {
            ModelState.AddModelError("Input.Scopes", "Please choose what the token may do.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (_, secret) = await AccessTokens.CreateAsync(db, User.UserId(), name!, scopes, now, now.AddDays(Input.ExpiresInDays));
        NewSecret = secret;
        NewTokenName = name;
        Input = new CreateTokenInput();
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.PersonalAccessTokens.Where(t => t.Id == id && t.UserId == me && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now));
        TempData["StatusMessage"] = changed == 0 ? "That token was already revoked." : "The token is revoked. Anything using it can no longer reach your account.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        SettingsPages.NoStore(this);
        var me = User.UserId();
        var zone = await TimeZones.OfUserAsync(db, me);
        var now = clock.GetUtcNow().UtcDateTime;
        var tokens = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == me && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync();
        Rows = [.. tokens.Select(t => new TokenRow(
            t.Id, t.Name, t.Prefix, [.. t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TokenScopes.Describe)],
            TimeZones.Format(t.CreatedAt, zone),
            t.LastUsedAt is { } used ? TimeZones.Format(used, zone) : null,
            t.ExpiresAt is { } expires ? TimeZones.Format(expires, zone) : null,
            t.ExpiresAt <= now))];
    }
}

public sealed class CreateTokenInput
{
    // Checked by TextRules, which explains problems better than attributes can.
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Expires")]
    public int ExpiresInDays { get; set; } = AccessTokens.DefaultLifetimeDays;

    [Display(Name = "What it may do")]
    public List<string> Scopes { get; set; } = [TokenScopes.RecordingsRead];
}
