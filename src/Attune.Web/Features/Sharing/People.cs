using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Sharing;

/// <summary>How to name other people on someone's pages: the name they chose, else their address.</summary>
public static class People
{
    public static async Task<Dictionary<Guid, string>> NamesAsync(AttuneDb db, IEnumerable<Guid> ids, CancellationToken cancel)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var rows = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancel);
        return rows.ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? "someone" : u.DisplayName);
    }
}
