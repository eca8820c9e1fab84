using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Together;

/// <summary>A person's Together settings: for now, whether the partner's breaks and repairs may reach them by push.</summary>
public sealed class TogetherSettings(AttuneDb db, Access access, TimeProvider clock)
{
    public async Task<TogetherPreferencesDto> GetAsync(Guid me, CancellationToken cancel) =>
        new(await access.Own<TogetherPreferences>(me).AnyAsync(p => p.NotifyByPush, cancel));

    public async Task<TogetherPreferencesDto> SetAsync(Guid me, bool notifyByPush, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await access.Own<TogetherPreferences>(me)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.NotifyByPush, notifyByPush).SetProperty(p => p.UpdatedAt, now), cancel);
        if (changed == 0)
        {
            db.Add(new TogetherPreferences { OwnerId = me, NotifyByPush = notifyByPush, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancel);
            }
            catch (DbUpdateException)
            {
                // Two first saves at once: the other made the row; this one updates it.
                db.ChangeTracker.Clear();
                await access.Own<TogetherPreferences>(me)
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.NotifyByPush, notifyByPush).SetProperty(p => p.UpdatedAt, now), cancel);
            }
        }
        return new TogetherPreferencesDto(notifyByPush);
    }
}
