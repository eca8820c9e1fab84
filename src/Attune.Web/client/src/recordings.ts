// A recording's interactive charts, loaded on its pages only: the tachogram and heart rate to zoom and pan
// (/insights/recordings/{id}), and the ECG with its beats to correct by hand (/insights/recordings/{id}/beats).
// It also draws the analysis page's other charts (recordings/analysis-charts.ts). Both pages work without this: the
// server draws a coarse picture of each chart and lists the beats with forms.
import uPlot from "uplot";
import { api, type Schemas } from "./api/client";
import { analysisCharts } from "./recordings/analysis-charts";
import { type Wire, axis, clock, drawWhenNear, elapsed, printable, readTheme, status, timeTicks, widthOf } from "./recordings/plot-kit";

type Series = Wire<Schemas["SeriesDto"]>;
type EcgWindow = Wire<Schemas["EcgWindowDto"]>;
type EditResult = Wire<Schemas["BeatEditResultDto"]>;

async function fetchSeries(id: string, from?: number, to?: number, points = 4000): Promise<Series | null> {
  const query: { from?: number; to?: number; points: number } = { points };
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  const { data, response } = await api.GET("/api/v1/recordings/{id}/series", { params: { path: { id }, query } });
  if (!response.ok || response.status !== 200 || !data) return null;
  return data as unknown as Series;
}

/** The tachogram (RR, left axis) and heart rate (right axis): drag across to zoom, buttons to pan, double-click to see it all. */
async function tachogram(host: HTMLElement): Promise<void> {
  const id = host.dataset["recordingId"];
  if (!id) return;
  const info = status(host);
  info.textContent = "Loading the interactive chart…";
  // The whole day needs no more than a low and a high per device pixel; zooming in asks for full detail.
  const whole = await fetchSeries(id, undefined, undefined, Math.min(4000, Math.max(1000, Math.ceil(widthOf(host) * devicePixelRatio) * 2)));
  if (!whole || whole.timesS.length < 2) {
    info.textContent = "";
    return;
  }
  drawWhenNear(host, () => drawTachogram(host, id, whole, info));
}

function drawTachogram(host: HTMLElement, id: string, whole: Series, info: HTMLElement): void {
  const theme = readTheme();
  const hasRr = whole.rrMs !== null && whole.rrMs !== undefined;
  const toData = (s: Series): uPlot.AlignedData =>
    hasRr ? [s.timesS, s.rrMs ?? [], s.hrBpm] : [s.timesS, s.hrBpm];
  const surface = document.createElement("div");
  surface.className = "uplot-host";
  surface.dataset["testid"] = "tachogram-chart";
  host.querySelector("svg.plot")?.classList.add("visually-hidden");
  host.prepend(surface);

  let loading = 0;
  let range: [number, number] = [whole.fromS, whole.toS];
  // uPlot first fits the x scale to the beats (the first beat comes after the range's start): that is no zoom.
  const extent = (s: Series): [number, number] => [s.timesS[0] ?? s.fromS, s.timesS[s.timesS.length - 1] ?? s.toS];
  let shown = extent(whole);
  const describe = (s: Series): void => {
    const detail = s.bucketed ? "highs and lows of each stretch" : "every beat";
    info.textContent = `Showing ${clock(s.fromS)} to ${clock(s.toS)} (${s.beatCount.toLocaleString()} beats, ${detail}). Drag across the chart to zoom in; double-click to see it all.`;
    const form = document.querySelector<HTMLFormElement>("[data-window-form]");
    if (form) {
      const from = form.querySelector<HTMLInputElement>("[name=from]");
      const to = form.querySelector<HTMLInputElement>("[name=to]");
      if (from) from.value = s.fromS.toFixed(0);
      if (to) to.value = s.toS.toFixed(0);
    }
  };

  const load = async (from: number, to: number): Promise<void> => {
    const ticket = ++loading;
    const detail = from <= whole.fromS && to >= whole.toS ? whole : await fetchSeries(id, from, to);
    if (ticket !== loading || !detail) return;
    range = [detail.fromS, detail.toS];
    shown = extent(detail);
    plot.setData(toData(detail), false);
    plot.setScale("x", { min: detail.fromS, max: detail.toS });
    host.dataset["from"] = String(detail.fromS);
    host.dataset["to"] = String(detail.toS);
    describe(detail);
  };

  const series: uPlot.Series[] = [
    { label: "Time", value: (_u, v) => (v == null ? "—" : clock(v)) },
  ];
  if (hasRr) series.push({ label: "Between beats (ms)", stroke: theme.primary, width: 0.75, scale: "ms", points: { show: false } });
  series.push({ label: "Heart rate (bpm)", stroke: theme.accent, width: 1, scale: "bpm", points: { show: false }, show: !hasRr });

  const plot = new uPlot(
    {
      width: widthOf(host),
      height: 300,
      series,
      scales: { x: { time: false } },
      axes: [
        {
          ...axis(theme, "Time since start"),
          splits: (u) => timeTicks(u.scales["x"]?.min ?? whole.fromS, u.scales["x"]?.max ?? whole.toS),
          // Past two hours in view, "6 h" reads better than 6:00:00 (and fits a phone); closer in, the clock time.
          values: (u, ticks) => {
            const span = (u.scales["x"]?.max ?? whole.toS) - (u.scales["x"]?.min ?? whole.fromS);
            return ticks.map((t) => (span >= 7200 ? elapsed(t, span) : clock(t)));
          },
          size: 40,
        },
        hasRr ? { ...axis(theme, "ms"), scale: "ms" } : { ...axis(theme, "bpm"), scale: "bpm" },
        ...(hasRr ? [{ ...axis(theme, "bpm", 1), scale: "bpm" }] : []),
      ],
      cursor: {
        drag: { x: true, y: false, setScale: true },
        bind: {
          dblclick: () => () => {
            void load(whole.fromS, whole.toS);
            return null;
          },
        },
      },
      hooks: {
        setSelect: [],
        setScale: [
          (u, key) => {
            if (key !== "x") return;
            const min = u.scales.x?.min;
            const max = u.scales.x?.max;
            if (min == null || max == null) return;
            // A zoom by dragging: ask for the narrower range at full detail.
            const same = (r: [number, number]): boolean => Math.abs(min - r[0]) <= 1e-6 && Math.abs(max - r[1]) <= 1e-6;
            if (!same(range) && !same(shown)) void load(min, max);
          },
        ],
      },
    },
    toData(whole),
    surface,
  );
  describe(whole);
  host.dataset["from"] = String(whole.fromS);
  host.dataset["to"] = String(whole.toS);

  const buttons = document.createElement("div");
  buttons.className = "form-actions chart-controls";
  const button = (text: string, act: () => void): void => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-secondary btn-small";
    b.textContent = text;
    b.addEventListener("click", act);
    buttons.append(b);
  };
  const span = (): number => range[1] - range[0];
  button("Earlier", () => {
    const from = Math.max(whole.fromS, range[0] - span() / 2);
    void load(from, from + span());
  });
  button("Zoom in", () => {
    const mid = (range[0] + range[1]) / 2;
    void load(mid - span() / 4, mid + span() / 4);
  });
  button("Zoom out", () => {
    const mid = (range[0] + range[1]) / 2;
    void load(Math.max(whole.fromS, mid - span()), Math.min(whole.toS, mid + span()));
  });
  button("Later", () => {
    const to = Math.min(whole.toS, range[1] + span() / 2);
    void load(to - span(), to);
  });
  button("All of it", () => void load(whole.fromS, whole.toS));
  surface.after(buttons);
  const size = (width: number): { width: number; height: number } => ({ width, height: 300 });
  printable(plot, size, host);
  new ResizeObserver(() => plot.setSize(size(widthOf(host)))).observe(host);
}

async function fetchEcg(id: string, from: number, to: number): Promise<EcgWindow | null> {
  const { data, response } = await api.GET("/api/v1/recordings/{id}/ecg", { params: { path: { id }, query: { from, to, points: 4000 } } });
  if (response.status !== 200 || !data) return null;
  return data as unknown as EcgWindow;
}

/** Polls the analysis until the edited beats are analysed, then shows its numbers. */
async function refreshNumbers(id: string): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const { data, response } = await api.GET("/api/v1/recordings/{id}/analysis", { params: { path: { id } } });
    if (response.status === 200 && data && "measures" in data) {
      for (const el of document.querySelectorAll<HTMLElement>("[data-measure]")) {
        const m = data.measures.find((x) => x.name === el.dataset["measure"]);
        const unit = el.querySelector(".metric__unit");
        el.textContent = m?.value == null ? "—" : Number(m.value).toFixed(Number(el.dataset["decimals"] ?? "1"));
        if (unit) el.append(unit);
      }
      const count = document.querySelector<HTMLElement>("[data-beat-count]");
      if (count) count.textContent = data.beatCount.toLocaleString("en");
      const artifacts = document.querySelector<HTMLElement>("[data-artifacts]");
      if (artifacts) artifacts.textContent = data.artifacts ? Number(data.artifacts.total).toLocaleString("en") : "—";
      const kinds = document.querySelector<HTMLElement>("[data-artifact-kinds]");
      const x = data.artifacts;
      if (kinds && x) kinds.textContent = `Put right automatically: ${x.missed} missed, ${x.extra} extra, ${x.ectopic} early, ${x.long} long and ${x.short} short.`;
      return;
    }
    if (response.status !== 202) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The ECG with its beats: a click near a beat removes it, a click elsewhere adds one there. */
async function ecgEditor(host: HTMLElement): Promise<void> {
  const id = host.dataset["recordingId"];
  const from = Number(host.dataset["from"]);
  const to = Number(host.dataset["to"]);
  if (!id || !Number.isFinite(from) || !Number.isFinite(to)) return;
  const canEdit = host.dataset["canEdit"] === "true";
  const info = status(host);
  let stretch = await fetchEcg(id, from, to);
  if (!stretch) return;
  const theme = readTheme();
  const surface = document.createElement("div");
  surface.className = "uplot-host";
  surface.dataset["testid"] = "ecg-chart";
  host.prepend(surface);
  host.querySelector(".beat-list")?.classList.add("visually-hidden");

  const drawBeats = (u: uPlot): void => {
    if (!stretch) return;
    const ctx = u.ctx;
    ctx.save();
    const r = 5 * devicePixelRatio;
    for (const b of stretch.beats) {
      const x = u.valToPos(b.timeS, "x", true);
      const y = u.valToPos(b.value, "y", true);
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.strokeStyle = b.added ? theme.accent : theme.primary;
      ctx.fillStyle = theme.primary;
      if (b.added) ctx.stroke();
      else ctx.fill();
    }
    ctx.strokeStyle = theme.danger;
    ctx.lineWidth = 2 * devicePixelRatio;
    const top = u.bbox.top + 8 * devicePixelRatio;
    for (const t of stretch.removedS) {
      const x = u.valToPos(t, "x", true);
      ctx.beginPath();
      ctx.moveTo(x - r, top - r);
      ctx.lineTo(x + r, top + r);
      ctx.moveTo(x + r, top - r);
      ctx.lineTo(x - r, top + r);
      ctx.stroke();
    }
    ctx.restore();
  };

  const plot = new uPlot(
    {
      width: widthOf(host),
      height: 260,
      series: [
        { label: "Time (s)", value: (_u, v) => (v == null ? "—" : v.toFixed(2)) },
        { label: "ECG (mV)", stroke: theme.text, width: 1, points: { show: false }, value: (_u, v) => (v == null ? "—" : v.toFixed(3)) },
      ],
      scales: { x: { time: false, range: [from, Math.min(to, stretch.toS)] } },
      // The signal in the file's own units: millivolts for nearly every device and for EDF files in mV.
      axes: [axis(theme, "Seconds from the start"), { ...axis(theme, "Signal (mV)"), size: 56 }],
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [drawBeats] },
    },
    [stretch.timesS, stretch.values],
    surface,
  );
  new ResizeObserver(() => plot.setSize({ width: widthOf(host), height: 260 })).observe(host);

  const counts = document.querySelector<HTMLElement>("[data-edit-counts]");
  const say = (text: string): void => {
    info.textContent = text;
  };
  if (!canEdit) {
    say("Only the person who recorded this can correct the beats.");
    return;
  }
  say("Click near a beat to remove it, or on a peak without a mark to add one there.");
  let busy = false;
  plot.over.addEventListener("click", (event) => {
    if (busy || !stretch) return;
    const rect = plot.over.getBoundingClientRect();
    const time = plot.posToVal(event.clientX - rect.left, "x");
    const near = stretch.beats.some((b) => Math.abs(b.timeS - time) <= 0.15);
    const action = near ? "remove" : "add";
    busy = true;
    void (async () => {
      say(action === "add" ? "Adding a beat…" : "Removing the beat…");
      const { data: answer, error, response } = await api.POST("/api/v1/recordings/{id}/beat-edits", {
        params: { path: { id } },
        body: { action, timeS: time },
      });
      const data = answer as unknown as EditResult | undefined;
      if (response.status === 200 && data && "added" in data) {
        if (counts) counts.textContent = data.added + data.removed === 0 ? "No beats changed by hand yet." : `Changed by hand: ${data.added} added, ${data.removed} removed.`;
        stretch = (await fetchEcg(id, from, to)) ?? stretch;
        plot.setData([stretch.timesS, stretch.values], false);
        plot.redraw();
        await refreshNumbers(id);
        say(action === "add" ? `Added a beat at ${data.timeS.toFixed(2)} s. The numbers above follow it.` : `Removed the beat at ${data.timeS.toFixed(2)} s. The numbers above follow it.`);
      } else {
        const detail = (error as { detail?: string } | undefined)?.detail;
        say(detail ?? "That didn't work. Please try again.");
      }
      busy = false;
    })();
  });
}

for (const host of document.querySelectorAll<HTMLElement>("[data-tachogram]")) void tachogram(host);
const overview = [...document.querySelectorAll<HTMLElement>("[data-analysis-chart]")];
if (overview.length > 0) void analysisCharts(overview);
for (const host of document.querySelectorAll<HTMLElement>("[data-ecg-editor]")) void ecgEditor(host);

for (const button of document.querySelectorAll<HTMLButtonElement>("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
