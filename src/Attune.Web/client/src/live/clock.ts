// The client's estimate of the server's clock, NTP-style (Mills, RFC 5905, simplified to one server): several round
// trips over the hub, each giving offset = server − (sent + received) / 2, and the sample with the smallest round
// trip wins, since its error is at most half that round trip. Docs: docs/decisions/0016-breathe-together-hub.md.

export interface ClockSample {
  offsetMs: number;
  roundTripMs: number;
}

/** This page's clock in Unix milliseconds, sub-millisecond and monotonic within the page. */
export function localNow(): number {
  return performance.timeOrigin + performance.now();
}

export async function estimateOffset(askServer: () => Promise<number>, rounds = 8): Promise<ClockSample> {
  let best: ClockSample | null = null;
  for (let i = 0; i < rounds; i++) {
    const sent = localNow();
    const server = await askServer();
    const received = localNow();
    const sample = { offsetMs: server - (sent + received) / 2, roundTripMs: received - sent };
    if (best === null || sample.roundTripMs < best.roundTripMs) best = sample;
  }
  return best!;
}
