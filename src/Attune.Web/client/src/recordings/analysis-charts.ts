// The analysis page's overview charts drawn in the browser from the analysis JSON (one request, served precompressed
// with an ETag): heart rate with its flooding stretches, coherence, the spectrum with its bands and the Poincaré plot.
// The server sends a small, coarse SVG of each (docs/decisions/0024-client-drawn-analysis-charts.md): it is what a
// page without scripts shows and prints, and it stays, visually hidden, as each chart's text alternative (its title
// and description) once the canvas is drawn.
import uPlot from "uplot";
import { api } from "../api/client";
import { type Analysis, type Theme, axis, clock, drawWhenNear, elapsed, printable, quantile, readTheme, timeTicks, widthOf } from "./plot-kit";

type Kind = "heart-rate" | "coherence" | "spectrum" | "poincare";

const lineHeight = 300;

/** Canvas x/y in device pixels for a value pair. */
function at(u: uPlot, x: number, y: number, yScale = "y"): [number, number] {
  return [u.valToPos(x, "x", true), u.valToPos(y, yScale, true)];
}

function label(u: uPlot, theme: Theme, text: string, x: number, y: number, align: CanvasTextAlign): void {
  const ctx = u.ctx;
  ctx.save();
  ctx.font = `600 ${Math.round(12.5 * devicePixelRatio)}px ${theme.font}`;
  ctx.textAlign = align;
  ctx.textBaseline = "middle";
  // A rim of the card's colour keeps the label readable over the line.
  ctx.lineWidth = 4 * devicePixelRatio;
  ctx.strokeStyle = theme.surface;
  ctx.lineJoin = "round";
  ctx.strokeText(text, x, y);
  ctx.fillStyle = theme.text;
  ctx.fillText(text, x, y);
  ctx.restore();
}

/** Shaded x-ranges, each with an optional label at the top; crowded labels are left out, not overprinted. */
function xBands(u: uPlot, theme: Theme, bands: { from: number; to: number; fill: string; label?: string }[]): void {
  const ctx = u.ctx;
  const { top, height, left, width } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  let lastLabel = -Infinity;
  for (const b of bands) {
    const x0 = u.valToPos(b.from, "x", true);
    const x1 = u.valToPos(b.to, "x", true);
    ctx.fillStyle = b.fill;
    ctx.fillRect(x0, top, Math.max(1.5 * devicePixelRatio, x1 - x0), height);
    if (b.label && (x0 + x1) / 2 - lastLabel >= 28 * devicePixelRatio) {
      lastLabel = (x0 + x1) / 2;
      label(u, theme, b.label, lastLabel, top + 10 * devicePixelRatio, "center");
    }
  }
  ctx.restore();
}

function timeAxis(theme: Theme, total: number): uPlot.Axis {
  return {
    ...axis(theme, "Time from start"),
    splits: (u) => timeTicks(u.scales["x"]?.min ?? 0, u.scales["x"]?.max ?? total),
    values: (_u, ticks) => ticks.map((t) => elapsed(t, total)),
    size: 40,
  };
}

function heartRate(a: Analysis, theme: Theme): [uPlot.Options, uPlot.AlignedData] | null {
  const hr = a.heartRate;
  if (hr.timesS.length < 2) return null;
  const total = Math.max(a.durationS, hr.timesS[hr.timesS.length - 1] ?? 1);
  const threshold = a.floodingThresholdBpm;
  const lo = Math.floor(quantile(hr.values, 0.002, 40) / 10) * 10;
  const hi = Math.ceil(Math.max(quantile(hr.values, 0.998, 120), threshold + 5) / 10) * 10;
  const events = a.flooding.map((e, i) => ({ from: e.startS, to: e.endS, fill: theme.accentSoft, label: String(i + 1) }));
  return [
    {
      width: 0,
      height: lineHeight,
      series: [
        { label: "Time", value: (_u, v) => (v == null ? "—" : clock(v)) },
        // A day of readings is denser than the chart is wide: a fine line keeps its shape readable.
        { label: "Heart rate (bpm)", stroke: theme.primary, width: hr.timesS.length > 800 ? 0.75 : 1.25, points: { show: false }, value: (_u, v) => (v == null ? "—" : v.toFixed(0)) },
      ],
      scales: { x: { time: false, range: [0, total] }, y: { range: [lo, hi] } },
      axes: [timeAxis(theme, total), axis(theme, "bpm")],
      cursor: { drag: { x: false, y: false } },
      hooks: {
        drawAxes: [(u) => xBands(u, theme, events)],
        draw: [
          (u) => {
            const ctx = u.ctx;
            const [, y] = at(u, 0, threshold);
            ctx.save();
            ctx.strokeStyle = theme.accent;
            ctx.lineWidth = 1.25 * devicePixelRatio;
            ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(u.bbox.left, y);
            ctx.lineTo(u.bbox.left + u.bbox.width, y);
            ctx.stroke();
            ctx.restore();
            label(u, theme, `${threshold.toFixed(0)} bpm`, u.bbox.left + u.bbox.width - 4 * devicePixelRatio, y - 9 * devicePixelRatio, "right");
          },
        ],
      },
    },
    [hr.timesS, hr.values],
  ];
}

function coherence(a: Analysis, theme: Theme): [uPlot.Options, uPlot.AlignedData] | null {
  if (a.coherence.length < 2) return null;
  const times = a.coherence.map((p) => p.timeS);
  const values = a.coherence.map((p) => p.coherenceRatio ?? 0);
  const total = Math.max(a.durationS, times[times.length - 1] ?? 1);
  const top = Math.max(3, quantile(values, 0.98, 3));
  return [
    {
      width: 0,
      height: lineHeight - 40,
      series: [
        { label: "Time", value: (_u, v) => (v == null ? "—" : clock(v)) },
        { label: "Coherence ratio", stroke: theme.primary, width: 1.25, points: { show: false }, value: (_u, v) => (v == null ? "—" : v.toFixed(1)) },
      ],
      scales: { x: { time: false, range: [0, total] }, y: { range: [0, top] } },
      axes: [timeAxis(theme, total), axis(theme, "ratio")],
      cursor: { drag: { x: false, y: false } },
    },
    [times, values],
  ];
}

function compact(v: number): string {
  if (v >= 1e6) return `${Math.round(v / 1e5) / 10}M`;
  if (v >= 1e3) return `${Math.round(v / 1e2) / 10}k`;
  return String(Math.round(v * 10) / 10);
}

function spectrum(a: Analysis, theme: Theme): [uPlot.Options, uPlot.AlignedData] | null {
  const s = a.spectrum;
  if (!s || s.frequenciesHz.length < 2) return null;
  const max = Math.max(...s.densityMs2PerHz, 1);
  const fills: Record<string, string> = { VLF: theme.surface2, LF: theme.accentSoft, HF: theme.primarySoft };
  const bands = s.bands.map((b) => ({ from: b.lowHz, to: b.highHz, fill: fills[b.name] ?? theme.primarySoft, label: b.name }));
  return [
    {
      width: 0,
      height: lineHeight,
      series: [
        { label: "Frequency (Hz)", value: (_u, v) => (v == null ? "—" : v.toFixed(3)) },
        { label: "Power (ms²/Hz)", stroke: theme.primary, width: 1.5, points: { show: false }, value: (_u, v) => (v == null ? "—" : compact(v)) },
      ],
      scales: { x: { time: false, range: [0, 0.5] }, y: { range: [0, max * 1.1] } },
      axes: [axis(theme, "Frequency (Hz)"), { ...axis(theme, "ms²/Hz"), values: (_u, ticks) => ticks.map(compact), size: 56 }],
      cursor: { drag: { x: false, y: false } },
      hooks: { drawAxes: [(u) => xBands(u, theme, bands)] },
    },
    [s.frequenciesHz, s.densityMs2PerHz],
  ];
}

function poincare(a: Analysis, theme: Theme): [uPlot.Options, uPlot.AlignedData] | null {
  const p = a.poincare;
  if (!p || p.rrNMs.length < 2) return null;
  const lo = Math.floor(Math.min(quantile(p.rrNMs, 0.002, 600), quantile(p.rrNextMs, 0.002, 600)) / 50) * 50;
  const hi = Math.ceil(Math.max(quantile(p.rrNMs, 0.998, 1000), quantile(p.rrNextMs, 0.998, 1000)) / 50) * 50;
  // uPlot wants x in order: the pairs sorted by their first interval draw the same cloud.
  const order = p.rrNMs.map((_, i) => i).sort((i, j) => (p.rrNMs[i] ?? 0) - (p.rrNMs[j] ?? 0));
  const xs = order.map((i) => p.rrNMs[i] ?? 0);
  const ys = order.map((i) => p.rrNextMs[i] ?? 0);
  const meanNn = a.measures.find((m) => m.name === "MeanNN")?.value;
  const noLine: uPlot.Series.PathBuilder = () => null;
  return [
    {
      width: 0,
      height: 0,
      series: [
        { label: "This interval (ms)", value: (_u, v) => (v == null ? "—" : v.toFixed(0)) },
        {
          label: "Next interval (ms)",
          stroke: theme.primary,
          paths: noLine,
          alpha: 0.45,
          points: { show: true, size: 3.5, width: 0, fill: theme.primary },
          value: (_u, v) => (v == null ? "—" : v.toFixed(0)),
        },
      ],
      scales: { x: { time: false, range: [lo, hi] }, y: { range: [lo, hi] } },
      axes: [axis(theme, "This interval (ms)"), axis(theme, "Next interval (ms)")],
      cursor: { drag: { x: false, y: false } },
      legend: { show: false },
      hooks: {
        drawAxes: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = theme.gridStrong;
            ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(...at(u, lo, lo));
            ctx.lineTo(...at(u, hi, hi));
            ctx.stroke();
            ctx.restore();
          },
        ],
        draw: [
          (u) => {
            if (meanNn == null) return;
            // The SD1/SD2 ellipse: SD2 along the identity line, SD1 across it (Brennan et al. 2001).
            const ctx = u.ctx;
            const r = Math.SQRT1_2;
            ctx.save();
            ctx.strokeStyle = theme.accent;
            ctx.lineWidth = 1.5 * devicePixelRatio;
            ctx.beginPath();
            for (let k = 0; k <= 72; k++) {
              const t = (k / 72) * 2 * Math.PI;
              const along = p.sd2Ms * Math.cos(t);
              const across = p.sd1Ms * Math.sin(t);
              const [x, y] = at(u, meanNn + r * (along - across), meanNn + r * (along + across));
              if (k === 0) ctx.moveTo(x, y);
              else ctx.lineTo(x, y);
            }
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    },
    [xs, ys],
  ];
}

const builders: Record<Kind, (a: Analysis, theme: Theme) => [uPlot.Options, uPlot.AlignedData] | null> = {
  "heart-rate": heartRate,
  coherence,
  spectrum,
  poincare,
};

function draw(figure: HTMLElement, kind: Kind, a: Analysis, theme: Theme): void {
  const built = builders[kind](a, theme);
  if (!built) return;
  const [options, data] = built;
  const square = kind === "poincare";
  const size = (width: number): { width: number; height: number } =>
    square ? { width: Math.min(width, 512), height: Math.min(width, 512) } : { width, height: options.height };
  const surface = document.createElement("div");
  surface.className = "uplot-host";
  surface.dataset["testid"] = `${kind}-chart`;
  // The SVG beside it (visually hidden) names and describes the chart; the canvas repeats it for the eye only.
  surface.setAttribute("aria-hidden", "true");
  figure.querySelector("svg.plot")?.classList.add("visually-hidden");
  figure.prepend(surface);
  const plot = new uPlot({ ...options, ...size(widthOf(figure)) }, data, surface);
  printable(plot, size, figure);
  new ResizeObserver(() => plot.setSize(size(widthOf(figure)))).observe(figure);
}

export async function analysisCharts(figures: HTMLElement[]): Promise<void> {
  const id = figures[0]?.dataset["recordingId"];
  if (!id) return;
  const { data, response } = await api.GET("/api/v1/recordings/{id}/analysis", { params: { path: { id } } });
  if (response.status !== 200 || !data || !("measures" in data)) return;
  const analysis = data as unknown as Analysis;
  for (const figure of figures) drawWhenNear(figure, () => draw(figure, figure.dataset["analysisChart"] as Kind, analysis, readTheme()));
}
