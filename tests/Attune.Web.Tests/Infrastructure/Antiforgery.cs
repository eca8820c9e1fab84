using System.Net;
using System.Text.RegularExpressions;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>Helpers for posting server-rendered forms the way a browser does.</summary>
public static partial class Antiforgery
{
    public const string FieldName = "__RequestVerificationToken";

    /// <summary>
    /// GETs <paramref name="formPath"/> and returns the antiforgery token from its first form. The matching
    /// cookie stays in the client's cookie container, so the client must handle cookies.
    /// </summary>
    public static async Task<string> GetAntiforgeryTokenAsync(this HttpClient client, string formPath)
    {
        using var response = await client.GetAsync(formPath);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {formPath} returned {(int)response.StatusCode}: {Truncate(html)}");
        return ParseToken(html) ?? throw new InvalidOperationException($"No {FieldName} hidden input on {formPath}: {Truncate(html)}");
    }

    /// <summary>Returns the value of the first <c>__RequestVerificationToken</c> input in <paramref name="html"/>, or null.</summary>
    public static string? ParseToken(string html)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (NameAttribute().Match(tag) is { Success: true } name && name.Groups["v"].Value == FieldName
                && ValueAttribute().Match(tag) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups["v"].Value);
            }
        }

        return null;
    }

    /// <summary>
    /// Fetches a token from <paramref name="formPath"/> and posts <paramref name="fields"/> with it to
    /// <paramref name="actionPath"/> (defaults to <paramref name="formPath"/>) as a urlencoded form.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client,
        string formPath,
        IEnumerable<KeyValuePair<string, string>> fields,
        string? actionPath = null)
    {
        var token = await client.GetAntiforgeryTokenAsync(formPath);
        var body = new List<KeyValuePair<string, string>>(fields) { new(FieldName, token) };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(actionPath ?? formPath, content);
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bname\\s*=\\s*[\"'](?<v>[^\"']*)[\"']", RegexOptions.IgnoreCase)]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue\\s*=\\s*[\"'](?<v>[^\"']*)[\"']", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();
}
