// Live biofeedback, loaded by the pages with a pacer (the practice player and the resonance-rate finder) only: it
// carries uPlot and the live engine. Every page works without it.
import { enhanceLiveHeart } from "./live/panel";

function start(): void {
  enhanceLiveHeart(document);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
