using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Measures;

/// <summary>A free helpline in one country, shown on the safety screen and the crisis page.</summary>
public sealed class CrisisLine
{
    /// <summary>ISO 3166-1 alpha-2 code, upper case: "GB".</summary>
    public string Country { get; set; } = "";

    /// <summary>The country as people read it: "United Kingdom".</summary>
    public string CountryName { get; set; } = "";

    /// <summary>The local emergency number: "999".</summary>
    public string Emergency { get; set; } = "";

    /// <summary>The helpline's name: "Samaritans".</summary>
    public string Name { get; set; } = "";

    /// <summary>The number to call, digits and spaces as people write it: "116 123". Empty for a line that is only on the web.</summary>
    public string Phone { get; set; } = "";

    /// <summary>When and how: "free, day and night; call or text".</summary>
    public string Note { get; set; } = "";

    /// <summary>An https address, when the line also has one.</summary>
    public string? Url { get; set; }

    /// <summary>The phone number as a tel: link target, digits and a leading + only.</summary>
    public string PhoneHref => "tel:" + new string([.. Phone.Where(c => char.IsAsciiDigit(c) || c == '+')]);

    public string EmergencyHref => "tel:" + new string([.. Emergency.Where(c => char.IsAsciiDigit(c) || c == '+')]);
}

/// <summary>
/// Crisis resources for this deployment (section <c>Crisis</c>). With nothing configured, Attune shows its built-in lines for
/// common countries and, for everyone else, the advice to contact local emergency services. A deployment can name its
/// <see cref="Country"/> (its lines come first, the others fold away) and replace the lines altogether with
/// <c>Crisis:Lines:0:Country</c>, <c>…:Name</c>, <c>…:Phone</c> and so on.
/// </summary>
public sealed class CrisisOptions
{
    public const string Section = "Crisis";

    /// <summary>The country most people here live in, as an ISO 3166-1 alpha-2 code ("GB"); empty shows every country alike.</summary>
    public string? Country { get; set; }

    /// <summary>Lines that replace the built-in ones; empty keeps the built-in list.</summary>
    public List<CrisisLine> Lines { get; set; } = [];

    /// <summary>What everyone is told first, wherever they are.</summary>
    public string Fallback { get; set; } =
        "If you might act on these thoughts, or you are not safe right now, call your local emergency number or go to the nearest emergency department.";

    /// <summary>The lines in force: the configured ones, or the built-in list.</summary>
    public IReadOnlyList<CrisisLine> Effective => Lines.Count > 0 ? Lines : CrisisLines.BuiltIn;

    /// <summary>The lines of <see cref="Country"/>; empty when none is set or none matches.</summary>
    public IReadOnlyList<CrisisLine> Local =>
        string.IsNullOrWhiteSpace(Country) ? [] : [.. Effective.Where(l => string.Equals(l.Country, Country.Trim(), StringComparison.OrdinalIgnoreCase))];

    /// <summary>Every other line, in the order given.</summary>
    public IReadOnlyList<CrisisLine> Elsewhere => [.. Effective.Except(Local)];
}

/// <summary>
/// The built-in helplines: national, confidential lines for emotional crisis and suicidal thoughts in countries where many
/// people self-host, each with the number the service itself publishes. Numbers change now and then: a deployment checks
/// the ones for its own country and configures others where it serves somewhere else (docs/measures.md, "Crisis resources").
/// </summary>
public static class CrisisLines
{
    private static CrisisLine Line(string country, string countryName, string emergency, string name, string phone, string note, string? url) =>
        new() { Country = country, CountryName = countryName, Emergency = emergency, Name = name, Phone = phone, Note = note, Url = url };

    public static IReadOnlyList<CrisisLine> BuiltIn { get; } =
    [
        Line("US", "United States", "911", "988 Suicide & Crisis Lifeline", "988", "free, day and night; call or text", "https://988lifeline.org"),
        Line("CA", "Canada", "911", "9-8-8 Suicide Crisis Helpline", "988", "free, day and night; call or text", "https://988.ca"),
        Line("GB", "United Kingdom", "999", "Samaritans", "116 123", "free, day and night", "https://www.samaritans.org"),
        Line("IE", "Ireland", "112", "Samaritans", "116 123", "free, day and night", "https://www.samaritans.org"),
        Line("AU", "Australia", "000", "Lifeline", "13 11 14", "day and night", "https://www.lifeline.org.au"),
        Line("NZ", "New Zealand", "111", "Need to talk?", "1737", "free, day and night; call or text", "https://1737.org.nz"),
        Line("DE", "Germany", "112", "TelefonSeelsorge", "0800 111 0 111", "free, day and night", "https://www.telefonseelsorge.de"),
        Line("AT", "Austria", "112", "TelefonSeelsorge", "142", "free, day and night", "https://www.telefonseelsorge.at"),
        Line("CH", "Switzerland", "112", "Die Dargebotene Hand / La Main Tendue", "143", "day and night", "https://www.143.ch"),
        Line("FR", "France", "112", "3114, national suicide prevention line", "3114", "free, day and night", "https://3114.fr"),
        Line("NL", "Netherlands", "112", "113 Zelfmoordpreventie", "0800 0113", "free, day and night", "https://www.113.nl"),
        Line("ES", "Spain", "112", "Línea 024", "024", "free, day and night", null),
    ];
}

/// <summary>Refuses, at start-up, crisis lines a person could not use.</summary>
public sealed class CrisisOptionsValidation : IValidateOptions<CrisisOptions>
{
    public ValidateOptionsResult Validate(string? name, CrisisOptions options)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Country) && options.Country.Trim().Length != 2)
        {
            problems.Add("Crisis:Country is a two-letter country code, such as GB.");
        }
        if (string.IsNullOrWhiteSpace(options.Fallback))
        {
            problems.Add("Crisis:Fallback must say what to do in an emergency.");
        }
        for (var i = 0; i < options.Lines.Count; i++)
        {
            var line = options.Lines[i];
            if (line.Country.Trim().Length != 2 || string.IsNullOrWhiteSpace(line.CountryName) || string.IsNullOrWhiteSpace(line.Name))
            {
                problems.Add($"Crisis:Lines:{i} needs Country (two letters), CountryName and Name.");
            }
            if (string.IsNullOrWhiteSpace(line.Phone) && string.IsNullOrWhiteSpace(line.Url))
            {
                problems.Add($"Crisis:Lines:{i} needs a Phone or a Url.");
            }
            if (line.Phone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '+' or '-')))
            {
                problems.Add($"Crisis:Lines:{i}:Phone may hold digits, spaces, '+' and '-' only.");
            }
            if (line.Url is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                problems.Add($"Crisis:Lines:{i}:Url must be an https address.");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
