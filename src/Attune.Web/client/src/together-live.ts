// Breathing together (/together/live/{id}): one pacer on both screens, timed by the server. The page joins the
// session over the SignalR hub at /hubs/together, estimates its clock offset (live/clock.ts), draws the shared pacer
// with practices/pacer.ts, streams this person's heart rate when a strap is connected, shows the partner's, their
// presence and how in step the two are, and the summary when the session ends.
import { type HubConnection } from "@microsoft/signalr";
import { togetherHub } from "./live/together-hub";
import { chooseHeartSource } from "./live/choose-source";
import type { HeartSource } from "./live/heart-source";
import { estimateOffset, localNow, type ClockSample } from "./live/clock";
import { Pacer } from "./practices/pacer";

interface Presence {
  starter: string;
  partner: string;
}
interface Joined {
  sessionId: string;
  role: "starter" | "partner";
  pacerStartMs: number;
  breathsPerMinute: number;
  inhaleShare: number;
  partnerName: string;
  presence: Presence;
}
interface Heart {
  role: string;
  bpm: number;
  seq: number;
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

const root = document.querySelector<HTMLElement>("[data-live]");
const q = <T extends HTMLElement>(selector: string): T | null => root?.querySelector<T>(selector) ?? null;

function say(text: string): void {
  const status = q("[data-live-status]");
  if (status) status.textContent = text;
}

/** The message of a refusal, without the framework's prefix. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const at = text.indexOf("HubException: ");
  return at >= 0 ? text.slice(at + "HubException: ".length) : "The connection was interrupted. Trying again…";
}

const format = (v: number | null, digits: number): string => (v === null ? "–" : v.toFixed(digits));

/** Both curves as lines in one small SVG, the starter's solid and the partner's dashed. */
function drawCurves(figure: HTMLElement, starter: number[], partner: number[]): void {
  figure.querySelector("svg")?.remove();
  const values = [...starter, ...partner].filter((v) => v > 0);
  if (values.length === 0) {
    const none = document.createElement("p");
    none.className = "muted";
    none.textContent = "No heart rate was shared this time.";
    figure.append(none);
    return;
  }
  const low = Math.min(...values) - 3;
  const high = Math.max(...values) + 3;
  const length = Math.max(starter.length, partner.length, 2);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 300 100");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Heart rates from ${Math.round(low + 3)} to ${Math.round(high - 3)} beats a minute over ${Math.round(length / 60)} minutes`);
  svg.classList.add("live-curves__chart");
  for (const [curve, kind] of [[starter, "starter"], [partner, "partner"]] as const) {
    const points = curve
      .map((v, i) => (v > 0 ? `${((i / (length - 1)) * 300).toFixed(1)},${(100 - ((v - low) / (high - low)) * 100).toFixed(1)}` : ""))
      .filter((p) => p !== "");
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.join(" "));
    line.setAttribute("class", `live-curves__line live-curves__line--${kind}`);
    svg.append(line);
  }
  figure.append(svg);
}

function showSummary(summary: Summary): void {
  const section = q("[data-live-summary]");
  if (!section) return;
  const set = (selector: string, text: string) => {
    const el = section.querySelector<HTMLElement>(selector);
    if (el) el.textContent = text;
  };
  set(
    "[data-summary-outcome]",
    summary.outcome === "completed"
      ? "You breathed together. Thank you for taking this time for each other."
      : summary.outcome === "unlinked"
        ? "The session ended because the partner link ended."
        : "The connection dropped before the end, so this one is saved as incomplete. What you shared still counts.",
  );
  set("[data-summary-minutes]", (summary.seconds / 60).toFixed(1));
  set("[data-summary-starter]", format(summary.starterMean, 0));
  set("[data-summary-partner]", format(summary.partnerMean, 0));
  set("[data-summary-sync]", format(summary.synchrony, 2));
  set("[data-summary-chance]", summary.chance);
  if (summary.outcome === "unlinked") section.querySelector("[data-summary-after]")?.remove();
  const figure = section.querySelector<HTMLElement>("[data-summary-curves]");
  if (figure) drawCurves(figure, summary.starterCurve, summary.partnerCurve);
  section.hidden = false;
}

async function live(sessionId: string, partnerName: string): Promise<void> {
  const connection: HubConnection = togetherHub();

  const before = q("[data-live-before]");
  const session = q("[data-live-session]");
  const presenceText = q("[data-live-presence]");
  const strapButton = q<HTMLButtonElement>("[data-live-strap]");
  const strapMessage = q("[data-live-strap-message]");
  const pacerRoot = q("[data-pacer]");
  let joined: Joined | null = null;
  let clock: ClockSample = { offsetMs: 0, roundTripMs: Infinity };
  let pacer: Pacer | null = null;
  let source: HeartSource | null = null;
  let seq = 0;
  let ended = false;
  let here: ReturnType<typeof setInterval> | undefined;

  const cycleMs = () => 60000 / (joined?.breathsPerMinute ?? 6);
  const serverNow = (local = localNow()) => local + clock.offsetMs;
  // For tests and curious people: where in the breath this page is at a given local instant.
  (window as unknown as { attuneLive: object }).attuneLive = {
    phaseAt: (local: number) => (joined ? ((((serverNow(local) - joined.pacerStartMs) / cycleMs()) % 1) + 1) % 1 : null),
    clock: () => clock,
    cycleMs,
  };

  const showPresence = (p: Presence) => {
    if (!joined || !presenceText) return;
    const theirs = joined.role === "starter" ? p.partner : p.starter;
    presenceText.dataset["state"] = theirs;
    presenceText.textContent =
      theirs === "here"
        ? `${partnerName} is here, breathing with you.`
        : theirs === "dropped"
          ? `${partnerName}'s connection dropped. Keep breathing; they can come back within half a minute.`
          : `Waiting for ${partnerName} to join. Start breathing; they'll fall in with you.`;
  };

  const finish = (summary: Summary) => {
    if (ended) return;
    ended = true;
    clearInterval(here);
    source?.stop();
    pacer?.stop("Done");
    if (session) session.hidden = true;
    if (before) before.hidden = true;
    say(summary.outcome === "completed" ? "The session has ended." : summary.outcome === "unlinked" ? "The session ended for both of you." : "The session ended early.");
    showSummary(summary);
    void connection.stop();
  };

  connection.on("Presence", showPresence);
  connection.on("Heart", (h: Heart) => {
    const el = q("[data-heart=partner] [data-bpm]");
    if (el) el.textContent = String(h.bpm);
  });
  connection.on("Synchrony", (s: { inStep: number | null; seconds: number }) => {
    const el = q("[data-live-sync]");
    if (el && s.inStep !== null) el.textContent = `How in step your hearts have been over the last minute: ${s.inStep.toFixed(2)} (0 is not at all, 1 is fully).`;
  });
  connection.on("Ended", finish);

  const sync = async () => {
    clock = await estimateOffset(() => connection.invoke<number>("Clock"));
    if (joined && pacer) pacer.startFrom((serverNow() - joined.pacerStartMs) / 1000);
  };

  const join = async (state: string | null) => {
    joined = await connection.invoke<Joined>("Join", sessionId, state);
    await sync();
    const cycle = 60 / joined.breathsPerMinute;
    if (pacerRoot && !pacer) pacer = new Pacer(pacerRoot, { inhale: cycle * joined.inhaleShare, holdIn: 0, exhale: cycle * (1 - joined.inhaleShare), holdOut: 0 });
    pacer?.startFrom((serverNow() - joined.pacerStartMs) / 1000);
    showPresence(joined.presence);
    if (before) before.hidden = true;
    if (session) session.hidden = false;
    say("One breath, on both your screens.");
    clearInterval(here);
    here = setInterval(() => {
      connection.invoke("Here", sessionId).catch((e: unknown) => say(reason(e)));
    }, 3000);
  };

  connection.onreconnecting(() => say("Reconnecting… keep breathing."));
  connection.onreconnected(() => {
    if (!ended && joined) join(null).catch((e: unknown) => say(reason(e)));
  });

  try {
    await connection.start();
  } catch {
    say("We couldn't connect. Please check your connection and reload the page.");
    return;
  }
  say("Connected. How are you, right now?");
  if (before) before.hidden = false;
  root?.querySelectorAll<HTMLButtonElement>("[data-live-state]").forEach((button) =>
    button.addEventListener("click", () => {
      join(button.dataset["liveState"] || null).catch((e: unknown) => say(reason(e)));
    }),
  );

  strapButton?.addEventListener("click", async () => {
    strapButton.disabled = true;
    const choice = await chooseHeartSource();
    if (!choice.source) {
      if (strapMessage) {
        strapMessage.hidden = false;
        strapMessage.textContent = `${choice.message} You can still breathe together without one.`;
      }
      strapButton.disabled = false;
      return;
    }
    source = choice.source;
    const mine = q("[data-heart=me] [data-bpm]");
    await source.start((beat) => {
      if (mine) mine.textContent = String(beat.heartRate);
      if (joined && !ended) connection.invoke("Beat", sessionId, beat.heartRate, seq++).catch((e: unknown) => say(reason(e)));
    });
    strapButton.hidden = true;
    if (strapMessage) {
      strapMessage.hidden = false;
      strapMessage.textContent = `Connected: ${source.name}. ${partnerName} sees your heart rate while you breathe together.`;
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
    const parsed = JSON.parse(curves) as { starter: number[]; partner: number[] };
    drawCurves(figure, parsed.starter, parsed.partner);
  }
  if (root.dataset["live"] === "live") void live(root.dataset["session"] ?? "", root.dataset["partnerName"] ?? "your partner");
}
