// The measures and integration pages' charts (/measures, /measures/{kind}/result, /integration), loaded on those pages only.
// Every number is also in the page's tables; this draws the same numbers, read from a <script type="application/json">
// block, with Chart.js. Colours come from the theme's CSS custom properties, so the charts follow light and dark.
import {
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  Tooltip,
} from "chart.js";

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, RadarController, RadialLinearScale, Filler, Tooltip, Legend);

interface MeasurePoint {
  label: string;
  total: number;
  change: "improved" | "worsened" | null;
}

interface MeasureSeries {
  kind: string;
  name: string;
  max: number;
  higherIsBetter: boolean;
  points: MeasurePoint[];
}

interface IntegrationData {
  domains: string[];
  reflections: { label: string; flow: number[] }[];
}

interface Theme {
  text: string;
  muted: string;
  grid: string;
  primary: string;
  better: string;
  worse: string;
  surface: string;
}

function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string): string => style.getPropertyValue(name).trim();
  return {
    text: v("--text"),
    muted: v("--text-muted"),
    grid: v("--border"),
    primary: v("--primary"),
    better: v("--state-connected"),
    worse: v("--state-activated"),
    surface: v("--surface"),
  };
}

/** A #rrggbb colour with an alpha, as rgba(). Other notations are returned unchanged. */
function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  const n = parseInt(hex, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha.toFixed(3)})`;
}

function history(series: MeasureSeries, theme: Theme): ChartConfiguration<"line"> {
  const points = series.points;
  const colour = (p: MeasurePoint): string => (p.change === "improved" ? theme.better : p.change === "worsened" ? theme.worse : theme.primary);
  // A reliable change is a larger triangle pointing the way things went for the person: up for better, down for harder.
  const better = (p: MeasurePoint): boolean => p.change === "improved";
  return {
    type: "line",
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          label: series.name,
          data: points.map((p) => p.total),
          borderColor: theme.primary,
          backgroundColor: points.map(colour),
          pointBackgroundColor: points.map(colour),
          pointBorderColor: points.map(colour),
          pointStyle: points.map((p) => (p.change ? "triangle" : "circle")),
          pointRotation: points.map((p) => (p.change && !better(p) ? 180 : 0)),
          pointRadius: points.map((p) => (p.change ? 7 : 3.5)),
          pointHoverRadius: points.map((p) => (p.change ? 9 : 5)),
          borderWidth: 2,
          tension: 0.2,
        },
      ],
    },
    options: {
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { min: 0, max: series.max, ticks: { precision: 0 }, title: { display: true, text: series.higherIsBetter ? "total (higher is better)" : "total (lower is better)" } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const p = points[item.dataIndex];
              if (!p) return "";
              const change = p.change === "improved" ? ", reliably better" : p.change === "worsened" ? ", reliably harder" : "";
              return `${p.total} of ${series.max}${change}`;
            },
          },
        },
      },
    },
  };
}

/** "Thinking and feeling" → ["Thinking", "and feeling"]: two lines for long names, so they fit around a phone-sized radar. */
function wrapLabel(name: string): string | string[] {
  if (name.length <= 10) return name;
  const middle = name.length / 2;
  let split = -1;
  for (let i = name.indexOf(" "); i >= 0; i = name.indexOf(" ", i + 1)) {
    if (split < 0 || Math.abs(i - middle) < Math.abs(split - middle)) split = i;
  }
  return split < 0 ? name : [name.slice(0, split), name.slice(split + 1)];
}

function radar(data: IntegrationData, theme: Theme): ChartConfiguration<"radar"> {
  // Newest first in the data; drawn oldest first so the newest sits on top.
  const sets = [...data.reflections].reverse();
  return {
    type: "radar",
    data: {
      labels: data.domains.map(wrapLabel),
      datasets: sets.map((r, i) => {
        const newest = i === sets.length - 1;
        const alpha = newest ? 1 : 0.3 + 0.2 * i;
        return {
          label: newest ? `${r.label} (latest)` : r.label,
          data: r.flow,
          borderColor: withAlpha(theme.primary, alpha),
          backgroundColor: withAlpha(theme.primary, newest ? 0.22 : 0.06),
          pointBackgroundColor: withAlpha(theme.primary, alpha),
          borderWidth: newest ? 2.5 : 1.5,
          borderDash: newest ? [] : [5, 4],
          pointRadius: newest ? 3.5 : 2,
          fill: true,
        };
      }),
    },
    options: {
      scales: {
        r: {
          min: 0,
          max: 3,
          ticks: { stepSize: 1, display: false },
          grid: { color: theme.grid },
          angleLines: { color: theme.grid },
          pointLabels: { color: theme.text, font: { size: 12 }, padding: 6 },
        },
      },
      plugins: {
        legend: { display: sets.length > 1, position: "bottom", labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => data.domains[items[0]?.dataIndex ?? 0] ?? "",
            label: (item) => `${item.dataset.label}: ${item.parsed.r} of 3`,
          },
        },
      },
    },
  };
}

function json<T>(id: string): T | null {
  const block = document.getElementById(id);
  return block?.textContent ? (JSON.parse(block.textContent) as T) : null;
}

function draw(): Chart[] {
  const theme = readTheme();
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = theme.muted;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.tooltip.backgroundColor = theme.text;
  Chart.defaults.plugins.tooltip.titleColor = theme.surface;
  Chart.defaults.plugins.tooltip.bodyColor = theme.surface;

  const charts: Chart[] = [];
  const measures = json<{ measures: MeasureSeries[] }>("measures-data");
  for (const canvas of document.querySelectorAll<HTMLCanvasElement>("canvas[data-measure-chart]")) {
    const series = measures?.measures.find((m) => m.kind === canvas.dataset["measureChart"]);
    if (series && series.points.length > 0) {
      charts.push(new Chart(canvas, history(series, theme)));
      canvas.dataset["drawn"] = "true";
    }
  }
  const integration = json<IntegrationData>("integration-data");
  const radarCanvas = document.querySelector<HTMLCanvasElement>('canvas[data-chart="integration-radar"]');
  if (radarCanvas && integration && integration.reflections.length > 0) {
    charts.push(new Chart(radarCanvas, radar(integration, theme)));
    radarCanvas.dataset["drawn"] = "true";
  }
  return charts;
}

function start(): void {
  let charts = draw();
  // Redraw in the other theme's colours when the system switches between light and dark.
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    for (const chart of charts) chart.destroy();
    charts = draw();
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start, { once: true });
} else {
  start();
}
