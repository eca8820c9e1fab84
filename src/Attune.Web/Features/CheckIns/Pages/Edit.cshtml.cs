using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>Changing one's own check-in: every field, the body map and context included.</summary>
public sealed class EditModel(AttuneDb db, Access access, CheckIns checkIns) : CheckInPage(db, access, checkIns)
{
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        Id = id;
        var me = User.UserId();
        // Only the owner edits: a check-in shared with the reader is not found here.
        if (!await Access.Own<CheckIn>(me).AnyAsync(c => c.Id == id, cancel) || await CheckIns.FindAsync(me, id, cancel) is not { } found)
        {
            return NotFound();
        }
        Form = CheckInForm.From(found);
        await LoadFieldsAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancel)
    {
        Id = id;
        var me = User.UserId();
        if (!await Access.Own<CheckIn>(me).AnyAsync(c => c.Id == id, cancel))
        {
            return NotFound();
        }
        var saved = await SaveAsync(request => CheckIns.UpdateAsync(me, id, request, cancel), cancel);
        return saved is null ? Page() : Saved(saved, "Saved your changes.");
    }
}
