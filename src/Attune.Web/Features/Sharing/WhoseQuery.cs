namespace Attune.Web.Features.Sharing;

/// <summary>The <c>owner</c> query parameter of list endpoints: <c>me</c> (default), <c>shared</c> or <c>all</c>.</summary>
public static class WhoseQuery
{
    public static Whose Parse(string? owner, Dictionary<string, string[]> errors)
    {
        switch (owner?.Trim().ToLowerInvariant())
        {
            case null or "" or "me":
                return Whose.Mine;
            case "shared":
                return Whose.Shared;
            case "all":
                return Whose.All;
            default:
                errors["owner"] = ["Use owner=me, owner=shared or owner=all."];
                return Whose.Mine;
        }
    }
}
