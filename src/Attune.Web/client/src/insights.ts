// The check-in insights page's charts (/insights/checkins), loaded on that page only. The page renders every
// number in tables; this draws the same numbers, read from its <script type="application/json"> block, with
// Chart.js. Colours come from the theme's CSS custom properties, so the charts follow light and dark.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartTypeRegistry,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend, MatrixController, MatrixElement);

interface InsightsData {
  timeline: {
    by: string;
    labels: string[];
    connected: number[];
    activated: number[];
    shutDown: number[];
    pleasantness: (number | null)[];
    energy: (number | null)[];
  };
  rhythm: { weekdays: string[]; bands: string[]; cells: { x: number; y: number; n: number; c: number; a: number; s: number }[] };
  calendar: { weekdays: string[]; weeks: string[]; days: { x: number; y: number; date: string; n: number; state: string }[] };
  granularity: { labels: string[]; distinct: number[]; entropy: (number | null)[]; checkIns: number[] };
}

interface Theme {
  connected: string;
  activated: string;
  shutDown: string;
  mixed: string;
  text: string;
  muted: string;
  grid: string;
  primary: string;
  accent: string;
  surface: string;
}

const stateNames: Record<string, string> = { connected: "connected", activated: "activated", shutDown: "shut down", mixed: "evenly mixed" };

function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string): string => style.getPropertyValue(name).trim();
  return {
    connected: v("--state-connected"),
    activated: v("--state-activated"),
    shutDown: v("--state-shutdown"),
    mixed: v("--border-strong"),
    text: v("--text"),
    muted: v("--text-muted"),
    grid: v("--border"),
    primary: v("--primary"),
    accent: v("--accent-text"),
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

function dominant(c: number, a: number, s: number): keyof typeof stateNames {
  const max = Math.max(c, a, s);
  const winners = [c, a, s].filter((x) => x === max).length;
  if (winners > 1) return "mixed";
  return c === max ? "connected" : a === max ? "activated" : "shutDown";
}

function stateColor(theme: Theme, state: string): string {
  switch (state) {
    case "connected":
      return theme.connected;
    case "activated":
      return theme.activated;
    case "shutDown":
      return theme.shutDown;
    default:
      return theme.mixed;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function states(data: InsightsData, theme: Theme): ChartConfiguration<"bar"> {
  const t = data.timeline;
  const set = (label: string, values: number[], color: string) => ({ label, data: values, backgroundColor: color, borderWidth: 0, maxBarThickness: 28 });
  return {
    type: "bar",
    data: {
      labels: t.labels,
      datasets: [set("Connected", t.connected, theme.connected), set("Activated", t.activated, theme.activated), set("Shut down", t.shutDown, theme.shutDown)],
    },
    options: {
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "check-ins" } },
      },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12, boxHeight: 12 } } },
    },
  };
}

function feelings(data: InsightsData, theme: Theme): ChartConfiguration<"line"> {
  const t = data.timeline;
  const line = (label: string, values: (number | null)[], color: string, dash: number[]) => ({
    label,
    data: values,
    borderColor: color,
    backgroundColor: color,
    borderDash: dash,
    borderWidth: 2,
    pointRadius: t.labels.length > 60 ? 0 : 2.5,
    pointHitRadius: 8,
    tension: 0.25,
    spanGaps: false,
  });
  return {
    type: "line",
    data: { labels: t.labels, datasets: [line("Pleasantness", t.pleasantness, theme.primary, []), line("Energy", t.energy, theme.accent, [6, 4])] },
    options: {
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: {
          min: -5,
          max: 5,
          ticks: { stepSize: 2.5, callback: (v) => (Number(v) > 0 ? `+${v}` : `${v}`) },
          grid: { color: (ctx) => (ctx.tick.value === 0 ? theme.muted : theme.grid) },
        },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 18, boxHeight: 2 } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.parsed.y === null ? "no words" : ctx.parsed.y > 0 ? `+${ctx.parsed.y}` : ctx.parsed.y}` } },
      },
    },
  };
}

function rhythm(data: InsightsData, theme: Theme): ChartConfiguration<"matrix"> {
  const r = data.rhythm;
  const max = Math.max(1, ...r.cells.map((c) => c.n));
  const cells = r.cells;
  return {
    type: "matrix",
    data: {
      datasets: [
        {
          label: "Check-ins",
          data: cells.map((c) => ({ x: r.weekdays[c.x] ?? "", y: r.bands[c.y] ?? "", v: c.n })),
          backgroundColor: (ctx) => {
            const c = cells[ctx.dataIndex];
            if (!c || c.n === 0) return "transparent";
            return withAlpha(stateColor(theme, dominant(c.c, c.a, c.s)), 0.25 + 0.75 * (c.n / max));
          },
          borderColor: theme.grid,
          borderWidth: 1,
          borderRadius: 4,
          width: ({ chart }) => (chart.chartArea?.width ?? 0) / 7 - 4,
          height: ({ chart }) => (chart.chartArea?.height ?? 0) / r.bands.length - 4,
        },
      ],
    },
    options: {
      scales: {
        x: { type: "category", labels: r.weekdays, offset: true, position: "top", grid: { display: false }, border: { display: false } },
        // The matrix draws the last category label at the top; listing them backwards puts night-time last, the
        // way a day is read.
        y: { type: "category", labels: [...r.bands].reverse(), offset: true, grid: { display: false }, border: { display: false } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const c = cells[items[0]?.dataIndex ?? 0];
              return c ? `${r.weekdays[c.x]} ${r.bands[c.y]}` : "";
            },
            label: (item) => {
              const c = cells[item.dataIndex];
              if (!c) return "";
              return c.n === 0 ? "no check-ins" : [`${plural(c.n, "check-in")}:`, `${c.c} connected, ${c.a} activated, ${c.s} shut down`];
            },
          },
        },
      },
    },
  };
}

function calendar(data: InsightsData, theme: Theme): ChartConfiguration<"matrix"> {
  const cal = data.calendar;
  const max = Math.max(1, ...cal.days.map((d) => d.n));
  return {
    type: "matrix",
    data: {
      datasets: [
        {
          label: "Days",
          data: cal.days.map((d) => ({ x: cal.weekdays[d.x] ?? "", y: cal.weeks[d.y] ?? "", v: d.n })),
          backgroundColor: (ctx) => {
            const d = cal.days[ctx.dataIndex];
            return d ? withAlpha(stateColor(theme, d.state), 0.35 + 0.65 * (d.n / max)) : "transparent";
          },
          borderWidth: 0,
          borderRadius: 3,
          width: ({ chart }) => (chart.chartArea?.width ?? 0) / 7 - 3,
          height: ({ chart }) => (chart.chartArea?.height ?? 0) / Math.max(1, cal.weeks.length) - 3,
        },
      ],
    },
    options: {
      scales: {
        x: { type: "category", labels: cal.weekdays, offset: true, position: "top", grid: { display: false }, border: { display: false } },
        // Backwards for the same reason: the oldest week on top, as on a wall calendar.
        y: { type: "category", labels: [...cal.weeks].reverse(), offset: true, grid: { display: false }, border: { display: false }, ticks: { autoSkip: true, autoSkipPadding: 6 } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => cal.days[items[0]?.dataIndex ?? 0]?.date ?? "",
            label: (item) => {
              const d = cal.days[item.dataIndex];
              return d ? `${plural(d.n, "check-in")}, ${d.state === "mixed" ? "evenly mixed" : `mostly ${stateNames[d.state] ?? d.state}`}` : "";
            },
          },
        },
      },
    },
  };
}

function granularity(data: InsightsData, theme: Theme): ChartConfiguration<"bar" | "line"> {
  const g = data.granularity;
  return {
    type: "bar",
    data: {
      labels: g.labels,
      datasets: [
        { type: "bar", label: "Different words", data: g.distinct, backgroundColor: withAlpha(theme.primary, 0.55), borderWidth: 0, yAxisID: "y", maxBarThickness: 24 },
        {
          type: "line",
          label: "Spread (bits)",
          data: g.entropy,
          borderColor: theme.accent,
          backgroundColor: theme.accent,
          borderWidth: 2,
          pointRadius: g.labels.length > 60 ? 0 : 2.5,
          tension: 0.25,
          yAxisID: "bits",
        },
      ],
    },
    options: {
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "words" } },
        bits: { position: "right", beginAtZero: true, grid: { display: false }, title: { display: true, text: "bits" } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: { callbacks: { footer: (items) => plural(g.checkIns[items[0]?.dataIndex ?? 0] ?? 0, "check-in") } },
      },
    },
  };
}

function draw(root: Document, data: InsightsData): Chart[] {
  const theme = readTheme();
  const body = getComputedStyle(root.body);
  Chart.defaults.font.family = body.fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = theme.muted;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.tooltip.backgroundColor = theme.text;
  Chart.defaults.plugins.tooltip.titleColor = theme.surface;
  Chart.defaults.plugins.tooltip.bodyColor = theme.surface;
  Chart.defaults.plugins.tooltip.footerColor = theme.surface;

  const calendarBox = root.querySelector<HTMLElement>(".insights-chart__canvas--calendar");
  if (calendarBox) {
    // One row per week, about 1.4 rem each: the CSSOM may set sizes under the CSP, inline style attributes may not.
    calendarBox.style.height = `${Math.max(8, 2.5 + 1.4 * data.calendar.weeks.length)}rem`;
  }

  // Each builder is typed for its own chart; the registry of them holds the general type.
  type AnyConfig = ChartConfiguration<keyof ChartTypeRegistry>;
  const configs: Record<string, () => AnyConfig> = {
    states: () => states(data, theme) as unknown as AnyConfig,
    feelings: () => feelings(data, theme) as unknown as AnyConfig,
    rhythm: () => rhythm(data, theme) as unknown as AnyConfig,
    calendar: () => calendar(data, theme) as unknown as AnyConfig,
    granularity: () => granularity(data, theme) as unknown as AnyConfig,
  };
  const charts: Chart[] = [];
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>("canvas[data-chart]")) {
    const make = configs[canvas.dataset["chart"] ?? ""];
    if (make) {
      charts.push(new Chart(canvas, make()));
      canvas.dataset["drawn"] = "true";
    }
  }
  return charts;
}

function start(): void {
  const block = document.getElementById("insights-data");
  if (!block?.textContent) return;
  const data = JSON.parse(block.textContent) as InsightsData;
  let charts = draw(document, data);
  // Redraw in the other theme's colours when the system switches between light and dark.
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    for (const chart of charts) chart.destroy();
    charts = draw(document, data);
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start, { once: true });
} else {
  start();
}
