// The "Your heart, live" panel (Features/Practices/Pages/_LiveHeart.cshtml) on the practice player and the
// resonance-rate finder: connect a strap (choose-source.ts), then every beat the heart rate, coherence and RMSSD over
// the last minute (live-heart.ts, the engine's numbers computed here) and the beat-to-beat curve (uPlot), with a
// sentence that says what the curve shows. The pages tell it the breathing pace by events on document:
// `attune:pace` {breathsPerMinute}, and on the finder `attune:trial` {index, rate} / `attune:trial-end` {index}, after
// which that minute's RR intervals go into the trial's hidden Beats[i] field for the server to choose by.
import uPlot from "uplot";
import { canOfferStrap, chooseHeartSource, NO_BLUETOOTH_MESSAGE } from "./choose-source";
import type { Beat, HeartSource } from "./heart-source";
import { FloodingWatch } from "./flooding";
import { LiveHeart, type LiveReading } from "./live-heart";

export interface PaceDetail {
  breathsPerMinute: number;
}
export interface TrialDetail {
  index: number;
  rate?: number;
}

const CURVE_SECONDS = 60;

function css(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function rounded(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

/** Builds an RR recording file: the format the recordings upload reads (one rr_ms column). */
export function rrCsv(rrMs: readonly number[]): string {
  return `rr_ms\n${rrMs.map((v) => (Math.round(v * 1000) / 1000).toString()).join("\n")}\n`;
}

export function enhanceLiveHeart(root: ParentNode): void {
  const panel = root.querySelector<HTMLElement>("[data-live-heart]");
  if (!panel) return;
  const q = <T extends HTMLElement>(selector: string): T => panel.querySelector<T>(selector)!;
  const offer = q("[data-live-offer]");
  const unsupported = q("[data-live-unsupported]");
  const status = q("[data-live-status]");
  const flooded = panel.querySelector<HTMLElement>("[data-live-flooding]");
  const watch = new FloodingWatch();
  const connected = q("[data-live-connected]");
  const ended = q("[data-live-ended]");
  const connectButton = q<HTMLButtonElement>("[data-live-connect]");
  const saveButton = q<HTMLButtonElement>("[data-live-save]");
  const saved = q("[data-live-saved]");
  const hrOut = q("[data-live-hr]");
  const rmssdOut = q("[data-live-rmssd]");
  const coherenceOut = q("[data-live-coherence]");
  const coherenceWait = q("[data-live-coherence-wait]");
  const summary = q("[data-live-summary]");
  const chartHost = q("[data-live-chart]");

  if (!canOfferStrap()) {
    offer.hidden = true;
    unsupported.hidden = false;
    q("[data-live-unsupported-text]").textContent = NO_BLUETOOTH_MESSAGE;
    return;
  }

  let source: HeartSource | null = null;
  let engine = new LiveHeart();
  let allRr: number[] = [];
  let curveT: number[] = [];
  let curveHr: number[] = [];
  let elapsedS = 0;
  let pace: number | null = null;
  let trial: { index: number; rr: number[] } | null = null;
  let chart: uPlot | null = null;

  const ensureChart = (): uPlot => {
    if (chart) return chart;
    const width = Math.max(260, Math.floor(chartHost.clientWidth || 300));
    const muted = css("--text-muted", "#666");
    const grid = css("--border", "#ddd");
    chart = new uPlot(
      {
        width,
        height: 160,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [
          { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, values: (_u, ticks) => ticks.map((t) => `${Math.round(t)} s`) },
          { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 40 },
        ],
        series: [{}, { stroke: css("--primary", "#3566c8"), width: 2, points: { show: false } }],
      },
      [[], []],
      chartHost,
    );
    new ResizeObserver(() => chart?.setSize({ width: Math.max(260, Math.floor(chartHost.clientWidth)), height: 160 })).observe(chartHost);
    return chart;
  };

  const show = (reading: LiveReading, heartRate: number): void => {
    hrOut.textContent = rounded(heartRate);
    rmssdOut.textContent = rounded(reading.rmssdMs);
    if (reading.coherence) {
      coherenceOut.textContent = rounded(Math.min(reading.coherence.powerRatio, 99), 1);
      coherenceWait.hidden = true;
    }
    let low = Infinity;
    let high = -Infinity;
    for (const v of curveHr) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    const steadiness = reading.coherence
      ? ` Coherence ${rounded(Math.min(reading.coherence.powerRatio, 99), 1)}: the higher, the smoother and steadier the wave (around ${rounded(reading.coherence.peakFrequencyHz * 60, 1)} waves a minute).`
      : " Coherence shows after a minute of beats.";
    summary.textContent = `Over the last ${Math.min(CURVE_SECONDS, Math.round(elapsedS))} seconds (${reading.beats} beats) your heart rate moved between ${rounded(low)} and ${rounded(high)} beats a minute, ${rounded(reading.heartRateBpm)} on average.${steadiness}`;
    connected.dataset["beats"] = String(engine.beatCount);
  };

  const onBeat = (beat: Beat): void => {
    let reading: LiveReading | null = null;
    for (const rr of beat.rrMs) {
      if (!(rr >= 200 && rr <= 3000)) continue; // outside any resting heart: a sensor glitch, not a beat
      reading = engine.add(rr);
      allRr.push(rr);
      trial?.rr.push(rr);
      elapsedS += rr / 1000;
      curveT.push(elapsedS);
      curveHr.push(60000 / rr);
      if (flooded) {
        const now = watch.add(elapsedS, 60000 / rr);
        if (now !== !flooded.hidden) flooded.hidden = !now;
      }
    }
    while (curveT.length > 0 && curveT[0]! < elapsedS - CURVE_SECONDS) {
      curveT.shift();
      curveHr.shift();
    }
    if (!reading) {
      hrOut.textContent = rounded(beat.heartRate);
      return;
    }
    ensureChart().setData([curveT, curveHr]);
    show(reading, beat.heartRate);
    if (beat.contact === "not-detected") {
      status.textContent = "The strap has lost skin contact. Moistening its pads can help.";
      status.dataset["contactWarning"] = "1";
    } else if (status.dataset["contactWarning"]) {
      status.textContent = "";
      delete status.dataset["contactWarning"];
    }
  };

  const onEnd = (reason: string): void => {
    status.textContent = `${reason} Your beats so far are kept.`;
    ended.hidden = false;
  };

  const begin = async (chosen: HeartSource): Promise<void> => {
    status.textContent = `Connecting to ${chosen.name}…`;
    try {
      await chosen.start(onBeat, onEnd);
    } catch {
      status.textContent = "The strap could not be reached. Check it is on and close by, then try again.";
      ended.hidden = false;
      return;
    }
    if (pace !== null) chosen.pace?.(pace);
    ended.hidden = true;
    offer.hidden = true;
    connected.hidden = false;
    status.textContent = `Connected to ${chosen.name}.`;
    document.dispatchEvent(new CustomEvent("attune:strap", { detail: { connected: true } }));
  };

  connectButton.addEventListener("click", async () => {
    connectButton.disabled = true;
    const choice = await chooseHeartSource();
    connectButton.disabled = false;
    if (!choice.source) {
      status.textContent = choice.message;
      if (choice.reason === "no-bluetooth") {
        offer.hidden = true;
        unsupported.hidden = false;
        q("[data-live-unsupported-text]").textContent = choice.message;
      }
      return;
    }
    source = choice.source;
    engine = new LiveHeart();
    allRr = [];
    curveT = [];
    curveHr = [];
    elapsedS = 0;
    await begin(source);
  });

  q<HTMLButtonElement>("[data-live-reconnect]").addEventListener("click", () => {
    if (source) void begin(source);
  });

  q<HTMLButtonElement>("[data-live-disconnect]").addEventListener("click", () => {
    source?.stop();
    ended.hidden = true;
    offer.hidden = false;
    connected.hidden = true;
    status.textContent = "Disconnected from the strap.";
    document.dispatchEvent(new CustomEvent("attune:strap", { detail: { connected: false } }));
  });

  saveButton.addEventListener("click", async () => {
    if (allRr.length < 10) {
      saved.textContent = "A few more beats first: there is not enough to save yet.";
      return;
    }
    saveButton.disabled = true;
    saved.textContent = "Saving…";
    const when = new Date().toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    try {
      const response = await fetch("/api/v1/recordings?kind=rr", {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "text/csv",
          "X-Recording-Name": encodeURIComponent(`Live heartbeats, ${when}`),
          "X-File-Name": encodeURIComponent("live-heartbeats.csv"),
        },
        body: rrCsv(allRr),
      });
      if (response.status === 201) {
        const created = (await response.json()) as { id: string };
        saved.innerHTML = "";
        saved.append("Saved. ");
        const link = document.createElement("a");
        link.href = `/insights/recordings/${encodeURIComponent(created.id)}`;
        link.textContent = "Look at it in your recordings";
        saved.append(link, ".");
      } else {
        const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
        saved.textContent = `It could not be saved: ${problem?.detail ?? problem?.title ?? "please try again in a moment"}.`;
      }
    } catch {
      saved.textContent = "It could not be saved: the connection to Attune dropped. Please try again.";
    } finally {
      saveButton.disabled = false;
    }
  });

  document.addEventListener("attune:pace", (event) => {
    const rate = (event as CustomEvent<PaceDetail>).detail.breathsPerMinute;
    if (!(rate > 0)) return;
    pace = rate;
    source?.pace?.(rate);
  });
  document.addEventListener("attune:trial", (event) => {
    const detail = (event as CustomEvent<TrialDetail>).detail;
    trial = { index: detail.index, rr: [] };
    if (detail.rate) {
      pace = detail.rate;
      source?.pace?.(detail.rate);
    }
  });
  document.addEventListener("attune:trial-end", (event) => {
    const detail = (event as CustomEvent<TrialDetail>).detail;
    if (!trial || trial.index !== detail.index) return;
    const field = document.querySelectorAll<HTMLInputElement>("[data-trial] [data-trial-beats]")[detail.index];
    if (field && trial.rr.length >= 2) field.value = trial.rr.map((v) => Math.round(v * 1000) / 1000).join(",");
    trial = null;
  });
}
