using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>
/// Small server-drawn SVG charts for the therapist's pages: they print, need no script, and respect the strict CSP (sizes are
/// SVG attributes, colours are classes). Each chart has a text alternative; the tables beside them hold the same numbers.
/// </summary>
public static class DashboardCharts
{
    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Weekly stacked bars of connected, activated and shut-down check-ins.</summary>
    public static IHtmlContent StateTimeline(IReadOnlyList<StateWeekDto> weeks, string label)
    {
        const double width = 600, height = 120, gap = 2;
        var max = Math.Max(1, weeks.Count == 0 ? 1 : weeks.Max(w => w.Connected + w.Activated + w.ShutDown));
        var bar = weeks.Count == 0 ? 0 : (width - gap * (weeks.Count - 1)) / weeks.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" viewBox=\"0 0 {N(width)} {N(height)}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\">");
        for (var i = 0; i < weeks.Count; i++)
        {
            var w = weeks[i];
            var x = i * (bar + gap);
            var y = height;
            foreach (var (count, css) in new[] { (w.Connected, "connected"), (w.Activated, "activated"), (w.ShutDown, "shutdown") })
            {
                if (count == 0)
                {
                    continue;
                }
                var h = count / (double)max * (height - 4);
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"timeline__{css}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(bar)}\" height=\"{N(h)}\"/>");
            }
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>One horizontal bar split into the shares of connected, activated and shut-down check-ins.</summary>
    public static IHtmlContent StateMixBar(StateMixDto mix, string label)
    {
        const double width = 200, height = 14;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"mixbar\" viewBox=\"0 0 {N(width)} {N(height)}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\">");
        var x = 0.0;
        foreach (var (share, css) in new[] { (mix.ConnectedPercent, "connected"), (mix.ActivatedPercent, "activated"), (mix.ShutDownPercent, "shutdown") })
        {
            var w = share / 100 * width;
            if (w > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"timeline__{css}\" x=\"{N(x)}\" y=\"0\" width=\"{N(w)}\" height=\"{N(height)}\"/>");
            }
            x += w;
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A measure's totals over time, on its full scale.</summary>
    public static IHtmlContent Sparkline(MeasureSeriesDto series)
    {
        const double width = 160, height = 40, pad = 4;
        var points = series.Points;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"sparkline\" viewBox=\"0 0 {N(width)} {N(height)}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode($"{series.Name}: {string.Join(", ", points.Select(p => p.Total))}")}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"sparkline__axis\" x1=\"0\" y1=\"{N(height - pad)}\" x2=\"{N(width)}\" y2=\"{N(height - pad)}\"/>");
        if (points.Count > 0)
        {
            double X(int i) => points.Count == 1 ? width / 2 : pad + i * (width - 2 * pad) / (points.Count - 1);
            double Y(int total) => height - pad - total / (double)Math.Max(1, series.MaxTotal) * (height - 2 * pad);
            svg.Append("<polyline class=\"sparkline__line\" points=\"");
            svg.AppendJoin(' ', points.Select((p, i) => N(X(i)) + "," + N(Y(p.Total))));
            svg.Append("\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"sparkline__last\" cx=\"{N(X(points.Count - 1))}\" cy=\"{N(Y(points[^1].Total))}\" r=\"3\"/>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>Plain words for a reliable-change direction.</summary>
    public static string Direction(string? direction) => direction switch
    {
        "improved" => "Reliably better",
        "worsened" => "Reliably worse",
        "none" => "No reliable change",
        _ => "Too few to tell",
    };

    /// <summary>The same, short enough for a caseload cell (the column's note says it is reliable change).</summary>
    public static string DirectionShort(string? direction) => direction switch
    {
        "improved" => "↑ Better",
        "worsened" => "↓ Worse",
        "none" => "No change",
        _ => "Too few",
    };

    public static string DirectionBadge(string? direction) => direction switch
    {
        "improved" => "badge badge-success",
        "worsened" => "badge badge-warning",
        _ => "badge",
    };

    public static string StreamLabel(string stream) => stream switch
    {
        "checkins" => "Check-ins",
        "practices" => "Practices",
        "measures" => "Measures",
        "recordings" => "Heart recordings",
        "together" => "Time together",
        _ => stream,
    };
}
