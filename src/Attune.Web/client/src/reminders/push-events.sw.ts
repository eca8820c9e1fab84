// Check-in reminders in the service worker: show the pushed reminder, open the check-in page when it
// is tapped, and keep the subscription when the browser renews it. A reminder carries no health data,
// and this code never puts any into a notification either.

import { base64UrlToBytes } from "./base64url";

declare const self: ServiceWorkerGlobalScope;

interface Reminder {
  title: string;
  body: string;
  url: string;
}

const FALLBACK: Reminder = { title: "Time to check in", body: "How are you, right now?", url: "/checkin" };

// One reminder at a time: a new one replaces the one not yet looked at instead of piling up.
export const REMINDER_TAG = "attune-checkin-reminder";

// Only a path on this site: a push can never send someone elsewhere.
function samePath(url: unknown): string {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : FALLBACK.url;
}

function read(data: PushMessageData | null): Reminder {
  try {
    const sent = (data?.json() ?? {}) as Partial<Record<keyof Reminder, unknown>>;
    return {
      title: typeof sent.title === "string" && sent.title ? sent.title : FALLBACK.title,
      body: typeof sent.body === "string" ? sent.body : FALLBACK.body,
      url: samePath(sent.url),
    };
  } catch {
    return FALLBACK;
  }
}

export function onPush(event: PushEvent): void {
  const reminder = read(event.data);
  event.waitUntil(
    self.registration.showNotification(reminder.title, {
      body: reminder.body,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      tag: REMINDER_TAG,
      data: { url: reminder.url },
    }),
  );
}

export function onNotificationClick(event: NotificationEvent): void {
  event.notification.close();
  const target = new URL(samePath((event.notification.data as { url?: unknown } | null)?.url), self.location.origin);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      // A check-in page already open is brought forward; any other page is left as it is, so nothing
      // half-written there is lost.
      const open = windows.find((w) => new URL(w.url).pathname === target.pathname);
      if (open) {
        await open.focus();
        return;
      }
      await self.clients.openWindow(target.href);
    })(),
  );
}

// The browser replaced the subscription (keys renewed, or the old one expired): register the new one in
// its place, as long as the person is still signed in here.
export function onPushSubscriptionChange(event: Event): void {
  const change = event as Event & { oldSubscription?: PushSubscription | null; waitUntil(p: Promise<unknown>): void };
  change.waitUntil(
    (async () => {
      const old = change.oldSubscription;
      const keyResponse = await fetch("/api/v1/push/vapid-public-key", { credentials: "same-origin" });
      if (!keyResponse.ok) return;
      const { publicKey } = (await keyResponse.json()) as { publicKey: string };
      const renewed = await self.registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: base64UrlToBytes(publicKey),
      });
      const saved = await fetch("/api/v1/push/subscriptions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(renewed.toJSON()),
      });
      if (saved.ok && old) {
        await fetch(`/api/v1/push/subscriptions?endpoint=${encodeURIComponent(old.endpoint)}`, {
          method: "DELETE",
          credentials: "same-origin",
        });
      }
    })().catch(() => {
      // Signed out or offline: the settings page offers to turn reminders on again.
    }),
  );
}
