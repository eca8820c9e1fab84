// Picks the heart source for a live view. `?strap=simulated` (optionally `&strapSeed=N&strapRate=6`) gives the
// simulated strap, for tests and demos; otherwise a Bluetooth strap where the browser has Web Bluetooth.
import { type HeartSource, simulatedStrap } from "./heart-source";

export type SourceChoice = { source: HeartSource } | { source: null; reason: "no-bluetooth" | "cancelled" | "failed"; message: string };

/** True when this page was opened with `?strap=simulated`. */
export function wantsSimulatedStrap(): boolean {
  return new URLSearchParams(location.search).get("strap") === "simulated";
}

export async function chooseHeartSource(): Promise<SourceChoice> {
  const query = new URLSearchParams(location.search);
  if (wantsSimulatedStrap()) {
    return {
      source: simulatedStrap({
        seed: Number(query.get("strapSeed") ?? 1) || 1,
        breathsPerMinute: Number(query.get("strapRate") ?? 6) || 6,
        baseHeartRate: Number(query.get("strapHr") ?? 66) || 66,
      }),
    };
  }
  // The Bluetooth strap (Web Bluetooth, Heart Rate service 0x180D) is added by strap.ts.
  return { source: null, reason: "no-bluetooth", message: "This browser cannot connect to a heart-rate strap." };
}
