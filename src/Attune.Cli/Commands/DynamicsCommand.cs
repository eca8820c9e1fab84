using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Attune.Analysis;
using Attune.Analysis.Dyadic;
using Spectre.Console;

namespace Attune.Cli.Commands;

/// <summary><c>attune dynamics A B --model ...</c>: dyadic models of two people's heart rates, as in the rties R package.</summary>
internal static class DynamicsCommand
{
    private const string InertiaModel = "inertia-coordination";
    private const string OscillatorModel = "coupled-oscillator";

    public static Command Create(CliContext context)
    {
        var fileA = new Argument<string>("A") { Description = "Person A: RR intervals (with beat times) or heart rate (t_s,hr / timestamp,hr)." };
        var fileB = new Argument<string>("B") { Description = "Person B, in the same kind of layout." };
        var model = new Option<string>("--model", "-m") { Description = $"{InertiaModel} or {OscillatorModel}.", Required = true };
        model.AcceptOnlyFromAmong(InertiaModel, OscillatorModel);
        var rate = new Option<double>("--rate") { Description = "Grid rate in Hz the heart rates are resampled to.", DefaultValueFactory = _ => 1 }.Between(GridRates.MinimumHz, GridRates.MaximumHz, GridRates.Why);
        var lag = new Option<int>("--lag") { Description = "Inertia–coordination lag in samples.", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var taus = new Option<string?>("--taus") { Description = "Coupled oscillator: GLLA time delays (samples) to search, comma-separated. Default 2,3 (as in the rties examples)." };
        var embeds = new Option<string?>("--embeds") { Description = "Coupled oscillator: GLLA embedding dimensions to search, comma-separated. Default 3,4." };
        taus.Validators.Add(r => CheckGrid(r, "--taus", 1));
        embeds.Validators.Add(r => CheckGrid(r, "--embeds", 3));
        var format = Formats.Option(Formats.Table, Formats.Json);
        var ecgRate = DyadOptions.EcgRate();
        var noCorrection = DyadOptions.NoCorrection();
        var command = new Command("dynamics", "How two people's heart rates steer each other over time: inertia–coordination or coupled-oscillator model (rties).")
        {
            fileA, fileB, model, rate, lag, taus, embeds, format, ecgRate, noCorrection,
        };
        command.SetAction(parse =>
        {
            var hz = parse.GetValue(rate);
            var which = parse.GetRequiredValue(model);
            if (which != OscillatorModel && (parse.GetValue(taus) is not null || parse.GetValue(embeds) is not null))
            {
                throw new CliException(ExitCodes.Usage, "--taus and --embeds belong to --model coupled-oscillator.");
            }
            var dyad = DyadInput.Read(context, parse.GetRequiredValue(fileA), parse.GetRequiredValue(fileB), hz,
                correct: !parse.GetValue(noCorrection), ecgRateHz: parse.GetValue(ecgRate));
            JsonObject parameters;
            string reading;
            double adjR2;
            int observations;
            var extra = new JsonObject();
            var rows = new List<(string Person, string Name, ParameterEstimate Estimate)>();
            try
            {
                if (which == InertiaModel)
                {
                    var fit = InertiaCoordination.Fit(dyad.Grid.A, dyad.Grid.B, parse.GetValue(lag), hz);
                    foreach (var (person, p) in new[] { ("A", fit.PersonA), ("B", fit.PersonB) })
                    {
                        rows.Add((person, "intercept", p.Intercept));
                        rows.Add((person, "inertia", p.Inertia));
                        rows.Add((person, "coordination", p.Coordination));
                    }
                    reading = fit.Reading;
                    adjR2 = fit.AdjustedRSquared;
                    observations = fit.Observations;
                    extra["lagSamples"] = fit.LagSamples;
                    extra["lagS"] = fit.LagS;
                }
                else
                {
                    var options = new CoupledOscillatorOptions(
                        Taus: parse.GetValue(taus) is { } t ? ParseGrid(t) : null,
                        Embeds: parse.GetValue(embeds) is { } e ? ParseGrid(e) : null,
                        RateHz: hz);
                    var fit = ProgressDisplay.Run(context, dyad.InputBytes, progress =>
                    {
                        progress.Stage("Fitting the coupled oscillator over the τ and embedding grid");
                        return CoupledOscillator.Fit(dyad.Grid.A, dyad.Grid.B, options);
                    });
                    foreach (var (person, p) in new[] { ("A", fit.PersonA), ("B", fit.PersonB) })
                    {
                        rows.Add((person, "frequency", p.Frequency));
                        rows.Add((person, "damping", p.Damping));
                        rows.Add((person, "partnerFrequency", p.PartnerFrequency));
                        rows.Add((person, "partnerDamping", p.PartnerDamping));
                    }
                    extra["tau"] = fit.Tau;
                    extra["embed"] = fit.Embed;
                    extra["tauGrid"] = new JsonArray([.. (options.Taus ?? [2, 3]).Select(v => (JsonNode)v)]);
                    extra["embedGrid"] = new JsonArray([.. (options.Embeds ?? [3, 4]).Select(v => (JsonNode)v)]);
                    extra["periodSA"] = Output.Json(fit.PersonA.PeriodS);
                    extra["periodSB"] = Output.Json(fit.PersonB.PeriodS);
                    reading = fit.Reading;
                    adjR2 = fit.AdjustedRSquared;
                    observations = fit.Observations;
                }
            }
            catch (InsufficientDataException e)
            {
                var help = e.Reason == InsufficientDataReason.NoVariation
                    ? "A heart rate that barely changes gives the model nothing to fit."
                    : "Longer recordings that overlap more usually help.";
                throw new CliException(ExitCodes.NotEnoughData,
                    $"The {which} model could not be fitted to {dyad.FileA} and {dyad.FileB}: {e.Message} {help}");
            }
            parameters = new JsonObject { ["A"] = new JsonObject(), ["B"] = new JsonObject() };
            foreach (var (person, name, est) in rows)
            {
                parameters[person]![name] = new JsonObject
                {
                    ["value"] = Output.Json(est.Value),
                    ["standardError"] = Output.Json(est.StandardError),
                    ["t"] = Output.Json(est.TValue),
                };
            }
            if (parse.GetRequiredValue(format) == Formats.Json)
            {
                var json = dyad.ToJson();
                json["model"] = which;
                json["parameters"] = parameters;
                json["adjustedRSquared"] = Output.Json(adjR2);
                json["observations"] = observations;
                foreach (var (key, value) in extra.ToList())
                {
                    extra.Remove(key);
                    json[key] = value;
                }
                json["reading"] = reading;
                Output.WriteJson(context, json);
                return ExitCodes.Ok;
            }
            var console = Output.Console(context);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[bold]{which}[/] model of {Markup.Escape(Path.GetFileName(dyad.FileA))} (A) and {Markup.Escape(Path.GetFileName(dyad.FileB))} (B): {Output.Clock(dyad.Grid.DurationS)} at {hz:0.###} Hz."));
            console.WriteLine(dyad.AlignmentNote);
            var table = new Table().AddColumn("Person").AddColumn("Parameter")
                .AddColumn(new TableColumn("Estimate").RightAligned()).AddColumn(new TableColumn("Std. error").RightAligned()).AddColumn(new TableColumn("t").RightAligned());
            foreach (var (person, name, est) in rows)
            {
                table.AddRow(person, name, Output.Number(est.Value, "0.#####"), Output.Number(est.StandardError, "0.#####"), Output.Number(est.TValue, "0.##"));
            }
            console.Write(table);
            var details = string.Join(", ", extra.Select(kv => $"{kv.Key} {(kv.Value is JsonValue v && v.TryGetValue(out double d) ? Output.Number(d, "0.##") : kv.Value?.ToJsonString() ?? "–")}"));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Adjusted R² {Output.Number(adjR2)}, {observations:N0} observations; {details}."));
            console.WriteLine(reading);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int[] ParseGrid(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture))];

    private static void CheckGrid(System.CommandLine.Parsing.OptionResult result, string name, int minimum)
    {
        if (!Validation.TryGet(result, out string? text) || text is null)
        {
            return;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < minimum))
        {
            result.AddError($"{name} must be a comma-separated list of whole numbers of at least {minimum}, such as {(minimum == 1 ? "2,3" : "3,4")}; got '{text}'.");
        }
    }
}
