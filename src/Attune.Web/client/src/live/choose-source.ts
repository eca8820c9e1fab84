// Picks the heart source for a live view: the one place pages pick one. `?strap=simulated` (optionally
// `&strapSeed=N&strapRate=6&strapHr=66&strapResonance=6&strapSpeed=1&strapDropAfter=N`) gives the simulated strap, for tests and demos; otherwise a
// Bluetooth strap where the browser has Web Bluetooth (the browser's chooser opens, so call this from a click).
import { type HeartSource, simulatedStrap } from "./heart-source";
import { requestStrap, webBluetooth } from "./strap";

export type SourceChoice = { source: HeartSource } | { source: null; reason: "no-bluetooth" | "cancelled" | "failed"; message: string };

/** True when this page was opened with `?strap=simulated`. */
export function wantsSimulatedStrap(): boolean {
  return new URLSearchParams(location.search).get("strap") === "simulated";
}

/** True when a strap can be offered here at all (simulated, or a browser with Web Bluetooth). */
export function canOfferStrap(): boolean {
  return wantsSimulatedStrap() || webBluetooth() !== null;
}

export const NO_BLUETOOTH_MESSAGE =
  "This browser cannot connect to a heart-rate strap. Chrome or Edge on a computer or an Android phone can; Firefox and browsers on iPhone and iPad cannot yet.";

export async function chooseHeartSource(): Promise<SourceChoice> {
  const query = new URLSearchParams(location.search);
  if (wantsSimulatedStrap()) {
    const resonance = Number(query.get("strapResonance"));
    const speed = Number(query.get("strapSpeed"));
    const drop = Number(query.get("strapDropAfter"));
    return {
      source: simulatedStrap({
        seed: Number(query.get("strapSeed") ?? 1) || 1,
        breathsPerMinute: Number(query.get("strapRate") ?? 6) || 6,
        baseHeartRate: Number(query.get("strapHr") ?? 66) || 66,
        ...(resonance > 0 ? { resonanceRate: resonance } : {}),
        ...(speed > 0 ? { speed } : {}),
        ...(drop > 0 ? { dropAfterBeats: drop } : {}),
      }),
    };
  }
  const bluetooth = webBluetooth();
  if (!bluetooth) return { source: null, reason: "no-bluetooth", message: NO_BLUETOOTH_MESSAGE };
  try {
    return { source: await requestStrap(bluetooth) };
  } catch (error) {
    if (error instanceof DOMException && error.name === "NotFoundError") {
      return { source: null, reason: "cancelled", message: "No strap was chosen." };
    }
    return { source: null, reason: "failed", message: "The strap could not be reached. Check it is on and close by, then try again." };
  }
}
