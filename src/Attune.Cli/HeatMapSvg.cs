using System.Globalization;
using System.Security;
using System.Text;

namespace Attune.Cli;

/// <summary>
/// Draws a lag × time heat map of correlations as a self-contained SVG: time runs left to right,
/// lag bottom (B leads) to top (A leads), red for positive r, blue for negative, grey where missing.
/// </summary>
internal static class HeatMapSvg
{
    private const int MaxColumns = 600;
    private const double Left = 70, Top = 48, PlotWidth = 760, PlotHeight = 300, LegendWidth = 14;

    /// <param name="title">Shown above the plot.</param>
    /// <param name="lagCount">Rows.</param>
    /// <param name="windowCount">Columns before thinning (windows are averaged into at most 600 columns).</param>
    /// <param name="value">r at (lag index, window), in −1…1 or NaN.</param>
    /// <param name="lagS">Lag of a lag index, seconds.</param>
    /// <param name="timeS">Time of a window's centre, seconds.</param>
    public static string Render(string title, int lagCount, int windowCount, Func<int, int, double> value, Func<int, double> lagS, Func<int, double> timeS)
    {
        var columns = Math.Max(1, Math.Min(windowCount, MaxColumns));
        var cellW = PlotWidth / columns;
        var cellH = PlotHeight / Math.Max(1, lagCount);
        var width = Left + PlotWidth + 90;
        var height = Top + PlotHeight + 60;
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        Append(svg, $"<title>{SecurityElement.Escape(title)}</title>\n");
        Append(svg, $"<rect width=\"{width:0}\" height=\"{height:0}\" fill=\"#ffffff\"/>\n");
        Append(svg, $"<text x=\"{Left:0}\" y=\"22\" font-size=\"14\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>\n");
        Append(svg, $"<g shape-rendering=\"crispEdges\">\n");
        for (var c = 0; c < columns; c++)
        {
            var w0 = (int)((long)c * windowCount / columns);
            var w1 = Math.Max(w0 + 1, (int)((long)(c + 1) * windowCount / columns));
            for (var l = 0; l < lagCount; l++)
            {
                double sum = 0;
                var n = 0;
                for (var w = w0; w < w1 && w < windowCount; w++)
                {
                    var v = value(l, w);
                    if (double.IsFinite(v))
                    {
                        sum += v;
                        n++;
                    }
                }
                var colour = n == 0 ? "#d9d9d9" : Colour(sum / n);
                // Row 0 at the bottom: the most negative lag (B leads) is drawn lowest.
                var y = Top + PlotHeight - (l + 1) * cellH;
                Append(svg, $"<rect x=\"{Left + c * cellW:0.##}\" y=\"{y:0.##}\" width=\"{cellW + 0.05:0.##}\" height=\"{cellH + 0.05:0.##}\" fill=\"{colour}\"/>\n");
            }
        }
        svg.Append("</g>\n");
        Append(svg, $"<rect x=\"{Left:0}\" y=\"{Top:0}\" width=\"{PlotWidth:0}\" height=\"{PlotHeight:0}\" fill=\"none\" stroke=\"#333333\"/>\n");

        // Lag axis: the extremes and zero.
        if (lagCount > 0)
        {
            foreach (var l in new[] { 0, lagCount / 2, lagCount - 1 }.Distinct())
            {
                var y = Top + PlotHeight - (l + 0.5) * cellH;
                Append(svg, $"<text x=\"{Left - 6:0}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{lagS(l):0.##} s</text>\n");
            }
        }
        Append(svg, $"<text transform=\"translate(16 {Top + PlotHeight / 2:0}) rotate(-90)\" text-anchor=\"middle\">lag (+ = A leads, − = B leads)</text>\n");

        // Time axis: about six labels.
        if (windowCount > 0)
        {
            const int ticks = 6;
            for (var k = 0; k <= ticks; k++)
            {
                var w = (int)Math.Round((double)k * (windowCount - 1) / ticks);
                var x = Left + (w + 0.5) * PlotWidth / windowCount;
                Append(svg, $"<line x1=\"{x:0.#}\" y1=\"{Top + PlotHeight:0}\" x2=\"{x:0.#}\" y2=\"{Top + PlotHeight + 5:0}\" stroke=\"#333333\"/>\n");
                Append(svg, $"<text x=\"{x:0.#}\" y=\"{Top + PlotHeight + 19:0}\" text-anchor=\"middle\">{SecurityElement.Escape(Output.Clock(timeS(w)))}</text>\n");
            }
        }
        Append(svg, $"<text x=\"{Left + PlotWidth / 2:0}\" y=\"{Top + PlotHeight + 40:0}\" text-anchor=\"middle\">time (window centre, m:ss)</text>\n");

        // Colour legend.
        var lx = Left + PlotWidth + 20;
        const int steps = 40;
        for (var s = 0; s < steps; s++)
        {
            var r = 1 - 2.0 * (s + 0.5) / steps;
            Append(svg, $"<rect x=\"{lx:0}\" y=\"{Top + s * PlotHeight / steps:0.##}\" width=\"{LegendWidth:0}\" height=\"{PlotHeight / steps + 0.05:0.##}\" fill=\"{Colour(r)}\"/>\n");
        }
        Append(svg, $"<text x=\"{lx + LegendWidth + 4:0}\" y=\"{Top + 10:0}\">+1</text>\n");
        Append(svg, $"<text x=\"{lx + LegendWidth + 4:0}\" y=\"{Top + PlotHeight / 2 + 4:0}\">0</text>\n");
        Append(svg, $"<text x=\"{lx + LegendWidth + 4:0}\" y=\"{Top + PlotHeight:0}\">−1</text>\n");
        Append(svg, $"<text x=\"{lx:0}\" y=\"{Top - 8:0}\">r</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Diverging palette: −1 blue, 0 near white, +1 red.</summary>
    internal static string Colour(double r)
    {
        r = Math.Clamp(r, -1, 1);
        (int R, int G, int B) mid = (247, 247, 247), pos = (178, 24, 43), neg = (33, 102, 172);
        var end = r >= 0 ? pos : neg;
        var f = Math.Abs(r);
        var red = (int)Math.Round(mid.R + (end.R - mid.R) * f);
        var green = (int)Math.Round(mid.G + (end.G - mid.G) * f);
        var blue = (int)Math.Round(mid.B + (end.B - mid.B) * f);
        return string.Create(CultureInfo.InvariantCulture, $"#{red:x2}{green:x2}{blue:x2}");
    }

    private static void Append(StringBuilder builder, FormattableString text) => builder.Append(text.ToString(CultureInfo.InvariantCulture));
}
