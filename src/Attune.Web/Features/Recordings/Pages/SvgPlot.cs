using System.Globalization;
using System.Text;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>
/// A small plotting surface that writes inline SVG: a fixed viewBox scaled by CSS, linear axes with
/// rounded ticks, and elements styled by class so both themes apply (no inline style, strict CSP).
/// </summary>
internal sealed class SvgPlot
{
    public const double Width = 640;
    // The y-axis title sits above the plot, level, so the margins hold tick labels only and stay
    // clear of each other when a phone's stylesheet makes the text larger.
    public const double Left = 60;
    public const double Right = 16;
    public const double Top = 40;
    public const double Bottom = 48;

    private readonly StringBuilder _body = new();
    private readonly string _id;

    public SvgPlot(string id, double height, (double Min, double Max) x, (double Min, double Max) y)
    {
        _id = id;
        Height = height;
        X = Widen(x);
        Y = Widen(y);
    }

    public double Height { get; }

    public (double Min, double Max) X { get; }

    public (double Min, double Max) Y { get; }

    public double PlotRight => Width - Right;

    public double PlotBottom => Height - Bottom;

    public double Px(double x) => Left + (x - X.Min) / (X.Max - X.Min) * (PlotRight - Left);

    public double Py(double y) => PlotBottom - (y - Y.Min) / (Y.Max - Y.Min) * (PlotBottom - Top);

    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Escapes markup characters only, so names like "Poincaré" stay readable in the source.</summary>
    public static string E(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    public SvgPlot Raw(string markup)
    {
        _body.Append(markup);
        return this;
    }

    /// <summary>Axes with ticks; <paramref name="formatX"/> turns an x value into a tick label.</summary>
    public SvgPlot Axes(string xLabel, string yLabel, Func<double, string> formatX, Func<double, string>? formatY = null, IReadOnlyList<double>? xTicks = null)
    {
        formatY ??= v => v.ToString("0.###", CultureInfo.InvariantCulture);
        foreach (var t in Ticks(Y.Min, Y.Max, 5))
        {
            var py = Py(t);
            _body.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{N(Left)}\" x2=\"{N(PlotRight)}\" y1=\"{N(py)}\" y2=\"{N(py)}\"/>");
            _body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left - 6)}\" y=\"{N(py + 4)}\" text-anchor=\"end\">{E(formatY(t))}</text>");
        }
        foreach (var t in xTicks ?? Ticks(X.Min, X.Max, 6))
        {
            var px = Px(t);
            // A label on the right edge would be cut off by the viewBox, so it ends at its tick instead.
            var anchor = px > PlotRight - 24 ? "end" : "middle";
            _body.Append(CultureInfo.InvariantCulture, $"<line class=\"tick\" x1=\"{N(px)}\" x2=\"{N(px)}\" y1=\"{N(PlotBottom)}\" y2=\"{N(PlotBottom + 5)}\"/>");
            _body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(anchor == "end" ? Math.Min(px + 4, Width - 2) : px)}\" y=\"{N(PlotBottom + 20)}\" text-anchor=\"{anchor}\">{E(formatX(t))}</text>");
        }
        _body.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{N(Left)}\" x2=\"{N(PlotRight)}\" y1=\"{N(PlotBottom)}\" y2=\"{N(PlotBottom)}\"/>");
        _body.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{N(Left)}\" x2=\"{N(Left)}\" y1=\"{N(Top)}\" y2=\"{N(PlotBottom)}\"/>");
        _body.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"{N((Left + PlotRight) / 2)}\" y=\"{N(Height - 4)}\" text-anchor=\"middle\">{E(xLabel)}</text>");
        _body.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"2\" y=\"{N(Top - 20)}\">{E(yLabel)}</text>");
        return this;
    }

    public SvgPlot Line(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, string cssClass = "series")
    {
        if (xs.Length == 0)
        {
            return this;
        }
        // More points than the plot is wide (a day of beats) would merge into a solid band at full stroke width.
        var dense = xs.Length > PlotRight - Left ? " dense" : "";
        _body.Append("<polyline class=\"").Append(cssClass).Append(dense).Append("\" points=\"");
        for (var i = 0; i < xs.Length; i++)
        {
            _body.Append(N(Px(xs[i]))).Append(',').Append(N(Py(Math.Clamp(ys[i], Y.Min, Y.Max)))).Append(' ');
        }
        _body.Append("\"/>");
        return this;
    }

    public SvgPlot HorizontalLine(double y, string cssClass, string? label = null)
    {
        var py = N(Py(y));
        _body.Append(CultureInfo.InvariantCulture, $"<line class=\"{cssClass}\" x1=\"{N(Left)}\" x2=\"{N(PlotRight)}\" y1=\"{py}\" y2=\"{py}\"/>");
        if (label is not null)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<text class=\"marker-label\" x=\"{N(PlotRight - 4)}\" y=\"{N(Py(y) - 4)}\" text-anchor=\"end\">{E(label)}</text>");
        }
        return this;
    }

    /// <summary>A shaded x-range with a text label at its top (so the band is named, not only coloured).</summary>
    public SvgPlot XBand(double from, double to, string cssClass, string? label = null)
    {
        var x0 = Px(Math.Max(from, X.Min));
        var x1 = Px(Math.Min(to, X.Max));
        _body.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{N(x0)}\" y=\"{N(Top)}\" width=\"{N(Math.Max(1.5, x1 - x0))}\" height=\"{N(PlotBottom - Top)}\"/>");
        if (label is not null)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<text class=\"marker-label\" x=\"{N((x0 + x1) / 2)}\" y=\"{N(Top + 12)}\" text-anchor=\"middle\">{E(label)}</text>");
        }
        return this;
    }

    public string Render(string title, string description, string? cssClass = null)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 {N(Width)} {N(Height)}\" role=\"img\" aria-labelledby=\"{_id}-title {_id}-desc\" focusable=\"false\" class=\"plot{(cssClass is null ? "" : " " + cssClass)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{_id}-title\">{E(title)}</title><desc id=\"{_id}-desc\">{E(description)}</desc>");
        svg.Append(_body);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Round tick values (1, 2, 2.5 or 5 × 10^k) covering [min, max].</summary>
    public static List<double> Ticks(double min, double max, int target)
    {
        var span = max - min;
        var raw = span / Math.Max(1, target);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(min / step) * step; t <= max + step * 1e-9; t += step)
        {
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    /// <summary>Ticks for a time axis in seconds: at whole minutes or hours.</summary>
    public static List<double> TimeTicks(double maxS)
    {
        double[] steps = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600];
        var step = steps.FirstOrDefault(s => maxS / s <= 6, 21600);
        var ticks = new List<double>();
        for (var t = 0.0; t <= maxS + 1e-9; t += step)
        {
            ticks.Add(t);
        }
        return ticks;
    }

    public static string FormatTime(double seconds, double totalS)
    {
        if (totalS >= 2 * 3600)
        {
            return (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " h";
        }
        if (totalS >= 120)
        {
            return (seconds / 60).ToString("0.#", CultureInfo.InvariantCulture) + " min";
        }
        return seconds.ToString("0", CultureInfo.InvariantCulture) + " s";
    }

    private static (double Min, double Max) Widen((double Min, double Max) r)
    {
        if (!double.IsFinite(r.Min) || !double.IsFinite(r.Max))
        {
            return (0, 1);
        }
        if (r.Max - r.Min < 1e-9)
        {
            var pad = Math.Max(1, Math.Abs(r.Min) * 0.05);
            return (r.Min - pad, r.Max + pad);
        }
        return r;
    }
}
