// A therapist's live in-session view with one client (/therapist/clients/{id}/live/{session}) and the client's side
// (/therapy/live/{session}). Both join the session over the one hub at /hubs/together (decision 0023): the therapist on
// opening the page, the client after reading what it shares, agreeing and saying how they are. Each streams their own
// strap's heart rate; both see both, and how in step the two have been, drawn minute by minute with uPlot. When the
// session ends (either ends it, or the client stops sharing it) the page says so plainly; saved sessions draw both curves.
import { type HubConnection } from "@microsoft/signalr";
import { togetherHub } from "./live/together-hub";
import uPlot from "uplot";
import { chooseHeartSource } from "./live/choose-source";
import type { HeartSource } from "./live/heart-source";

interface Presence {
  starter: string;
  partner: string;
}
interface Joined {
  sessionId: string;
  role: "starter" | "partner";
  pacerStartMs: number;
  partnerName: string;
  presence: Presence;
}
interface Summary {
  outcome: string;
  seconds: number;
  starterCurve: number[];
  partnerCurve: number[];
  starterMean: number | null;
  partnerMean: number | null;
  synchrony: number | null;
  chance: string;
}

const root = document.querySelector<HTMLElement>("[data-in-session]");
const q = <T extends HTMLElement>(selector: string): T | null => root?.querySelector<T>(selector) ?? null;
const isTherapist = root?.dataset["role"] === "therapist";
const otherName = root?.dataset["otherName"] ?? (isTherapist ? "your client" : "your therapist");

function say(text: string): void {
  const status = q("[data-live-status]");
  if (status) status.textContent = text;
}

function set(selector: string, text: string): void {
  const el = q(selector);
  if (el) el.textContent = text;
}

/** The message of a refusal, without the framework's prefix. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const at = text.indexOf("HubException: ");
  return at >= 0 ? text.slice(at + "HubException: ".length) : "The connection was interrupted. Trying again…";
}

const format = (v: number | null, digits: number): string => (v === null ? "–" : v.toFixed(digits));

function theme(): { muted: string; grid: string; primary: string; accent: string } {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return { muted: v("--text-muted", "#666"), grid: v("--border", "#ddd"), primary: v("--primary", "#3566c8"), accent: v("--accent-text", "#b0527a") };
}

function axis(label: string, t: ReturnType<typeof theme>): uPlot.Axis {
  return { label, stroke: t.muted, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
}

function chartHost(figure: HTMLElement): HTMLElement {
  const host = document.createElement("div");
  host.className = "uplot-host";
  host.setAttribute("aria-hidden", "true");
  figure.prepend(host);
  return host;
}

const widthOf = (el: HTMLElement): number => Math.max(260, Math.floor(el.clientWidth));

/** A time into the session as a clock says it (0:30, 1:00, 12:30), for the charts' time axis given in minutes. */
function minutesAsClock(minutes: number): string {
  const seconds = Math.round(minutes * 60);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The time axis labelled as a clock instead of fractions of a minute. */
const clockAxis = {
  values: (_u: uPlot, ticks: number[]) => ticks.map(minutesAsClock),
};

/** How in step the two have been, one point every five seconds, over the whole session so far. */
class SyncChart {
  private plot: uPlot | null = null;
  private readonly minutes: number[] = [];
  private readonly values: number[] = [];

  constructor(private readonly figure: HTMLElement) {}

  add(minute: number, value: number): void {
    this.minutes.push(minute);
    this.values.push(value);
    if (!this.plot) {
      const t = theme();
      const host = chartHost(this.figure);
      host.dataset["testid"] = "sync-chart";
      this.plot = new uPlot(
        {
          width: widthOf(this.figure),
          height: 180,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false }, y: { range: [0, 1] } },
          series: [{}, { label: "In step", stroke: t.primary, width: 2, points: { show: true, size: 4 } }],
          axes: [{ ...axis("Time into the session", t), ...clockAxis }, { ...axis("In step", t), values: (_u, ticks) => ticks.map((v) => v.toFixed(1)) }],
        },
        [this.minutes, this.values],
        host,
      );
      // A phone turned sideways, a window made narrower: the chart follows its figure.
      window.addEventListener("resize", () => this.plot?.setSize({ width: widthOf(this.figure), height: 180 }));
    } else {
      this.plot.setData([this.minutes, this.values]);
    }
    this.figure.dataset["points"] = String(this.values.length);
  }
}

/** Both heart-rate curves of a saved session, one value a second (0 = none, drawn as a gap). */
function drawCurves(figure: HTMLElement, therapist: number[], client: number[]): void {
  const length = Math.max(therapist.length, client.length);
  if (length < 2) {
    const none = document.createElement("p");
    none.className = "muted";
    none.textContent = "No heart rate was shared this time.";
    figure.append(none);
    return;
  }
  const t = theme();
  const seconds = Array.from({ length }, (_, i) => i / 60);
  const values = (curve: number[]) => seconds.map((_, i) => (curve[i] ?? 0) > 0 ? curve[i]! : null);
  const mine = isTherapist ? "You" : otherName;
  const theirs = isTherapist ? otherName : "You";
  const host = chartHost(figure);
  host.dataset["testid"] = "curves-chart";
  new uPlot(
    {
      width: widthOf(figure),
      height: 200,
      cursor: { show: false },
      scales: { x: { time: false } },
      series: [
        { label: "Time", value: (_u: uPlot, v: number | null) => (v == null ? "–" : minutesAsClock(v)) },
        { label: mine === "You" ? "You" : `${mine} (therapist)`, stroke: t.primary, width: 1.5, points: { show: false } },
        { label: theirs, stroke: t.accent, width: 1.5, dash: [6, 4], points: { show: false } },
      ],
      axes: [{ ...axis("Time into the session", t), ...clockAxis }, axis("bpm", t)],
    },
    [seconds, values(therapist), values(client)],
    host,
  );
}

function ended(summary: Summary): string {
  if (summary.outcome === "revoked") {
    return isTherapist
      ? `${otherName} stopped sharing this session. The live view has ended, and the session stays private to them.`
      : "You stopped sharing this session. It has ended for you both.";
  }
  if (summary.outcome === "completed") return isTherapist ? `The session with ${otherName} has ended.` : "The session has ended. Thank you for sharing it.";
  return "A connection dropped before the end, so this one is saved as incomplete.";
}

async function live(sessionId: string): Promise<void> {
  const connection: HubConnection = togetherHub();

  const before = q("[data-live-before]");
  const session = q("[data-live-session]");
  const presenceText = q("[data-live-presence]");
  const strapButton = q<HTMLButtonElement>("[data-live-strap]");
  const strapMessage = q("[data-live-strap-message]");
  const syncFigure = q("[data-sync-chart]");
  const chart = syncFigure ? new SyncChart(syncFigure) : null;
  const consentVersion = Number(root?.dataset["consentVersion"] ?? 0) || null;
  let joined: Joined | null = null;
  let state: string | null = null;
  let source: HeartSource | null = null;
  let seq = 0;
  let done = false;
  let here: ReturnType<typeof setInterval> | undefined;
  let clientBefore = "not said";

  const showPresence = (p: Presence) => {
    if (!presenceText) return;
    const theirs = isTherapist ? p.partner : p.starter;
    presenceText.dataset["state"] = theirs;
    presenceText.textContent =
      theirs === "here"
        ? `${otherName} is here.`
        : theirs === "dropped"
          ? `${otherName}'s connection dropped. They can come back within half a minute.`
          : `Waiting for ${otherName} to join.`;
    if (theirs === "here") q("[data-join-hint]")?.setAttribute("hidden", "");
  };

  const finish = (summary: Summary) => {
    if (done) return;
    done = true;
    clearInterval(here);
    source?.stop();
    if (session) session.hidden = true;
    if (before) before.hidden = true;
    q("[data-live-revoke]")?.setAttribute("hidden", "");
    const message = ended(summary);
    say(message);
    root?.setAttribute("data-ended", summary.outcome);
    const figures = q("[data-live-summary]");
    if (figures && summary.outcome !== "revoked") {
      set("[data-summary-outcome]", message);
      set("[data-summary-minutes]", (summary.seconds / 60).toFixed(1));
      set("[data-summary-starter]", format(summary.starterMean, 0));
      set("[data-summary-partner]", format(summary.partnerMean, 0));
      set("[data-summary-sync]", format(summary.synchrony, 2));
      set("[data-summary-chance]", summary.chance);
      set("[data-summary-states]", `${clientBefore}, not said yet`);
      const curves = q("[data-summary-curves]");
      if (curves) drawCurves(curves, summary.starterCurve, summary.partnerCurve);
      figures.hidden = false;
      // The client says how they are now on the saved page.
      if (!isTherapist) setTimeout(() => location.reload(), 1500);
    }
    void connection.stop();
  };

  connection.on("Presence", showPresence);
  connection.on("Heart", (h: { bpm: number }) => set("[data-heart=partner] [data-bpm]", String(h.bpm)));
  connection.on("Synchrony", (s: { inStep: number | null }) => {
    if (s.inStep === null || !joined) return;
    set("[data-live-sync-value]", s.inStep.toFixed(2));
    chart?.add(Math.max(0, (Date.now() - joined.pacerStartMs) / 60000), s.inStep);
  });
  connection.on("ClientState", (name: string) => {
    const label = name === "shutDown" ? "shut down" : name;
    clientBefore = label.charAt(0).toUpperCase() + label.slice(1);
    set("[data-client-before]", clientBefore);
  });
  connection.on("Ended", finish);

  const join = async () => {
    joined = await connection.invoke<Joined>("JoinInSession", sessionId, isTherapist ? null : state, isTherapist ? null : consentVersion);
    showPresence(joined.presence);
    if (before) before.hidden = true;
    if (session) session.hidden = false;
    say(isTherapist ? "You're in. The session is live." : `You're in, with ${otherName}.`);
    clearInterval(here);
    here = setInterval(() => {
      connection.invoke("Here", sessionId).catch((e: unknown) => say(reason(e)));
    }, 3000);
  };

  connection.onreconnecting(() => say("Reconnecting…"));
  connection.onreconnected(() => {
    if (!done && joined) join().catch((e: unknown) => say(reason(e)));
  });

  try {
    await connection.start();
  } catch {
    say("We couldn't connect. Please check your connection and reload the page.");
    return;
  }
  if (isTherapist) {
    await join().catch((e: unknown) => say(reason(e)));
  } else {
    say(`${otherName} has started a live session. Read what it shares first.`);
    if (before) before.hidden = false;
    const agree = q<HTMLInputElement>("[data-live-agree]");
    root?.querySelectorAll<HTMLButtonElement>("[data-live-state]").forEach((button) =>
      button.addEventListener("click", () => {
        if (!agree?.checked) {
          q("[data-live-agree-message]")?.removeAttribute("hidden");
          agree?.focus();
          return;
        }
        state = button.dataset["liveState"] || null;
        join().catch((e: unknown) => say(reason(e)));
      }),
    );
  }

  strapButton?.addEventListener("click", async () => {
    strapButton.disabled = true;
    const choice = await chooseHeartSource();
    if (!choice.source) {
      if (strapMessage) {
        strapMessage.hidden = false;
        strapMessage.textContent = `${choice.message} The session carries on without one.`;
      }
      strapButton.disabled = false;
      return;
    }
    source = choice.source;
    await source.start((beat) => {
      set("[data-heart=me] [data-bpm]", String(beat.heartRate));
      if (joined && !done) connection.invoke("Beat", sessionId, beat.heartRate, seq++).catch((e: unknown) => say(reason(e)));
    });
    strapButton.hidden = true;
    if (strapMessage) {
      strapMessage.hidden = false;
      strapMessage.textContent = `Connected: ${source.name}. ${otherName} sees your heart rate during this session.`;
    }
  });

  q("[data-live-end]")?.addEventListener("click", () => {
    connection.invoke("End", sessionId).catch((e: unknown) => say(reason(e)));
  });
}

if (root) {
  const figure = q("[data-summary-curves]");
  const curves = q("[data-live-summary]")?.dataset["curves"];
  if (figure && curves) {
    const parsed = JSON.parse(curves) as { therapist: number[]; client: number[] };
    drawCurves(figure, parsed.therapist, parsed.client);
  }
  if (root.dataset["inSession"] === "live") void live(root.dataset["session"] ?? "");
}
