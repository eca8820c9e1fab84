// What the recording pages' uPlot charts share: the theme's colours, axes, sizes, the status line under a chart and
// the time labels. uPlot draws on a canvas; colours come from the theme's custom properties so the charts follow
// light and dark.
import type uPlot from "uplot";
import type { Schemas } from "../api/client";

/**
 * A schema type as it arrives: the OpenAPI document allows numbers as strings (ASP.NET reads either), but the
 * server always writes JSON numbers, so number-or-string fields are numbers here.
 */
export type Wire<T> = [NonNullable<T>] extends [number | string]
  ? [number] extends [NonNullable<T>]
    ? Exclude<T, string>
    : T
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Analysis = Wire<Schemas["RecordingAnalysisDto"]>;

export interface Theme {
  text: string;
  muted: string;
  grid: string;
  gridStrong: string;
  surface: string;
  primary: string;
  primarySoft: string;
  accent: string;
  accentSoft: string;
  surface2: string;
  danger: string;
  font: string;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v("--text", "#222"),
    muted: v("--text-muted", "#666"),
    grid: v("--border", "#ddd"),
    gridStrong: v("--border-strong", "#aaa"),
    surface: v("--surface", "#fff"),
    primary: v("--primary", "#3566c8"),
    primarySoft: v("--primary-soft", "#dde6f7"),
    accent: v("--accent-text", "#b0527a"),
    accentSoft: v("--accent-soft", "#f6dde7"),
    surface2: v("--surface-2", "#f2efe9"),
    danger: v("--danger", "#b3261e"),
    font: v("--font-sans", "system-ui, sans-serif"),
  };
}

/** h:mm:ss or m:ss from seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** A time-axis label as the server's drawing writes it: hours past two hours, minutes past two minutes, else seconds. */
export function elapsed(seconds: number, totalS: number): string {
  const round1 = (v: number): string => String(Math.round(v * 10) / 10);
  if (totalS >= 2 * 3600) return `${round1(seconds / 3600)} h`;
  if (totalS >= 120) return `${round1(seconds / 60)} min`;
  return `${Math.round(seconds)} s`;
}

/** Ticks at whole seconds, minutes or hours, about six across (the server's rule, so both drawings agree). */
export function timeTicks(minS: number, maxS: number): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600];
  const span = maxS - minS;
  const step = steps.find((s) => span / s <= 6) ?? 21600;
  const ticks: number[] = [];
  for (let t = Math.ceil(minS / step) * step; t <= maxS + 1e-9; t += step) ticks.push(t);
  return ticks;
}

export function axis(theme: Theme, label: string, side?: number): uPlot.Axis {
  return {
    label,
    font: `13px ${theme.font}`,
    labelFont: `600 13px ${theme.font}`,
    stroke: theme.muted,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    ...(side === undefined ? {} : { side, grid: { show: false } }),
  };
}

/** The width a chart may take inside el: its content box (clientWidth counts the padding too). */
export function widthOf(el: HTMLElement): number {
  const style = getComputedStyle(el);
  const padding = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
  return Math.max(260, Math.floor(el.clientWidth - padding));
}

export function status(host: HTMLElement): HTMLElement {
  let out = host.querySelector<HTMLElement>("[data-chart-status]");
  if (!out) {
    out = document.createElement("p");
    out.className = "hint";
    out.dataset["chartStatus"] = "";
    out.setAttribute("role", "status");
    host.append(out);
  }
  return out;
}

/** Value at quantile q of the finite values (nearest rank), or the fallback when there are none. */
export function quantile(values: ArrayLike<number | null>, q: number, fallback: number): number {
  const sorted: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v != null && Number.isFinite(v)) sorted.push(v);
  }
  if (sorted.length === 0) return fallback;
  sorted.sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? fallback;
}

type Size = (width: number) => { width: number; height: number };
const printed: { plot: uPlot; size: Size; host: HTMLElement }[] = [];
const pending = new Map<Element, () => void>();
let observer: IntersectionObserver | undefined;

function drawNow(el: Element): void {
  const draw = pending.get(el);
  if (!draw) return;
  pending.delete(el);
  observer?.unobserve(el);
  draw();
}

// Before printing, every chart not drawn yet is drawn, and every chart takes the printed page's width (a report is
// narrower than most screens); after, each gets its screen size back. One listener each, added before any chart
// exists, so a chart drawn by the first is also sized by it.
addEventListener("beforeprint", () => {
  for (const el of [...pending.keys()]) drawNow(el);
  for (const p of printed) p.plot.setSize(p.size(680));
});
addEventListener("afterprint", () => {
  for (const p of printed) p.plot.setSize(p.size(widthOf(p.host)));
});

/**
 * Draws a chart when it comes near the screen (or before printing), not while the page loads: a phone shows the first
 * chart only after a scroll, and drawing all of them at once kept the page from answering taps for a while.
 */
export function drawWhenNear(el: HTMLElement, draw: () => void): void {
  if (!("IntersectionObserver" in window)) {
    draw();
    return;
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) if (entry.isIntersecting) drawNow(entry.target);
    },
    { rootMargin: "400px 0px" },
  );
  pending.set(el, draw);
  observer.observe(el);
}

/** Keeps a chart the printed page's width while printing. The canvas prints as drawn: what the screen shows, zoom included. */
export function printable(plot: uPlot, size: Size, host: HTMLElement): void {
  printed.push({ plot, size, host });
}
