using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Practices.Pages;

/// <summary>The library by state, with search and a filter, and suggestions for how the person is now at the top.</summary>
public sealed class IndexModel(AttuneDb db, Practices practices, Recommendations recommendations) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "group")]
    public string? GroupName { get; set; }

    /// <summary>The state to suggest for, when the person chose one here.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? StateName { get; set; }

    public PracticeGroup? Group { get; private set; }

    public NervousState? State { get; private set; }

    /// <summary>When the state came from a recent check-in rather than a choice here.</summary>
    public DateTime? CheckedInAt { get; private set; }

    public List<Recommendation> Suggestions { get; private set; } = [];

    public List<Practice> Own { get; private set; } = [];

    public List<IGrouping<PracticeGroup, Practice>> Library { get; private set; } = [];

    public bool Filtered => Group is not null || !string.IsNullOrWhiteSpace(Search);

    public string? Zone { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var me = User.UserId();
        Group = PracticeGroups.Parse(GroupName);
        Search = Search is { Length: > 100 } ? Search[..100] : Search;
        State = StateNames.Parse(StateName);
        if (State is null && await recommendations.RecentStateAsync(me, cancel) is { } recent)
        {
            State = recent.State;
            CheckedInAt = recent.At;
        }
        if (State is { } state)
        {
            Suggestions = await recommendations.ForAsync(me, state, 3, cancel);
        }
        var all = await practices.ListAsync(me, Group, Search, cancel);
        Own = [.. all.Where(p => p.IsOwn)];
        Library = [.. all.Where(p => !p.IsOwn).GroupBy(p => p.Group)];
        Zone = CheckedInAt is null ? null : await TimeZones.OfUserAsync(db, me, cancel);
    }
}
