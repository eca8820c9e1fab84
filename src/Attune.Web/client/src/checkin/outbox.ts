// Check-ins made without a connection wait here (IndexedDB) until they can be sent. Each keeps the
// idempotency key it was made with, so sending it twice (two tabs, a retry after a lost answer)
// still stores it once on the server.
import { createStore, del, entries, set } from "idb-keyval";
import { api } from "../api/client";
import type { CheckInBody } from "./request";

const store = createStore("attune-outbox", "checkins");

export interface Waiting {
  body: CheckInBody;
  savedAt: string;
  /** Set when the server refused it: it stays here, shown to the person, instead of being lost. */
  problem?: string;
}

export type SendResult = { kind: "sent"; id: string } | { kind: "refused"; problem: string } | { kind: "offline" } | { kind: "signedOut" };

export async function keep(body: CheckInBody): Promise<void> {
  if (!body.idempotencyKey) throw new Error("A waiting check-in needs its idempotency key.");
  await set(body.idempotencyKey, { body, savedAt: new Date().toISOString() } satisfies Waiting, store);
}

export async function waiting(): Promise<[string, Waiting][]> {
  return (await entries<string, Waiting>(store)) ?? [];
}

export async function send(body: CheckInBody): Promise<SendResult> {
  let result;
  try {
    result = await api.POST("/api/v1/checkins", { body });
  } catch {
    return { kind: "offline" };
  }
  const { data, error, response } = result;
  if (data) return { kind: "sent", id: data.id };
  if (response.status === 401 || response.status === 403) return { kind: "signedOut" };
  if (response.status >= 500 || response.status === 429) return { kind: "offline" };
  const problem = error as { detail?: string | null; errors?: Record<string, string[]> | null } | undefined;
  const first = problem?.errors ? Object.values(problem.errors)[0]?.[0] : undefined;
  return { kind: "refused", problem: first ?? problem?.detail ?? "The check-in could not be saved." };
}

let flushing: Promise<number> | null = null;

/** Sends every waiting check-in; returns how many went. One flush at a time per page. */
export function flush(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      for (const [key, item] of await waiting()) {
        if (item.problem) continue;
        const result = await send(item.body);
        if (result.kind === "sent") {
          await del(key, store);
          sent++;
        } else if (result.kind === "refused") {
          await set(key, { ...item, problem: result.problem }, store);
        } else {
          break;
        }
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}

export async function discard(key: string): Promise<void> {
  await del(key, store);
}
