// "Remind me on this device" on /settings/check-ins: a switch that subscribes this browser to Web Push
// reminders and registers the subscription with Attune, or undoes both. Permission to show notifications
// is asked only when the person turns the switch on. Without JavaScript the page says so instead.
import { base64UrlToBytes } from "./base64url";

type Status = (text: string) => void;

function unsupported(): string | null {
  if (!window.isSecureContext) {
    return "Notifications need a secure (https) connection to Attune.";
  }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    const apple = /iPhone|iPad|iPod/.test(navigator.userAgent);
    return apple
      ? "On iPhone and iPad, reminders work once Attune is on your Home Screen: tap Share, then “Add to Home Screen”, and open Attune from there."
      : "This browser can't show notifications from websites. Your calendar can remind you instead.";
  }
  return null;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  // Registering again returns the existing registration; it also covers a page opened before the worker was.
  await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  return navigator.serviceWorker.ready;
}

async function problemOf(response: Response): Promise<string> {
  const problem = (await response.json().catch(() => null)) as { detail?: string; errors?: Record<string, string[]> } | null;
  const first = problem?.errors ? Object.values(problem.errors)[0]?.[0] : undefined;
  return first ?? problem?.detail ?? "Attune couldn't save that just now. Please try again.";
}

async function turnOn(reg: ServiceWorkerRegistration, say: Status): Promise<boolean> {
  if (Notification.permission === "denied") {
    say("Notifications from Attune are blocked in this browser. Allow them in the browser's site settings, then try again.");
    return false;
  }
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    say("No notifications, then. You can turn this on whenever you like.");
    return false;
  }
  const keyResponse = await fetch("/api/v1/push/vapid-public-key", { credentials: "same-origin" });
  if (!keyResponse.ok) {
    say("Attune couldn't get ready to send reminders just now. Please try again.");
    return false;
  }
  const { publicKey } = (await keyResponse.json()) as { publicKey: string };
  const key = base64UrlToBytes(publicKey);
  let subscription = await reg.pushManager.getSubscription();
  const existingKey = subscription?.options.applicationServerKey;
  if (subscription && existingKey && !sameBytes(new Uint8Array(existingKey), key)) {
    // Made for another server key (Attune's keys were renewed): start afresh.
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const saved = await fetch("/api/v1/push/subscriptions", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(subscription.toJSON()),
  });
  if (!saved.ok) {
    say(await problemOf(saved));
    await subscription.unsubscribe();
    return false;
  }
  say("Reminders will come to this device.");
  return true;
}

async function turnOff(reg: ServiceWorkerRegistration, say: Status): Promise<boolean> {
  const subscription = await reg.pushManager.getSubscription();
  if (subscription) {
    const removed = await fetch(`/api/v1/push/subscriptions?endpoint=${encodeURIComponent(subscription.endpoint)}`, {
      method: "DELETE",
      credentials: "same-origin",
    });
    if (!removed.ok && removed.status !== 404) {
      say("Attune couldn't stop the reminders just now. Please try again.");
      return false;
    }
    await subscription.unsubscribe();
  }
  say("This device won't get reminders any more.");
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

export function enhancePushSwitch(root: ParentNode): void {
  const section = root.querySelector<HTMLElement>("[data-push-settings]");
  const controls = section?.querySelector<HTMLElement>("[data-push-controls]");
  const button = section?.querySelector<HTMLButtonElement>("#push-switch");
  const status = section?.querySelector<HTMLElement>("#push-status");
  if (!section || !controls || !button || !status) return;

  section.querySelector<HTMLElement>("[data-push-nojs]")?.setAttribute("hidden", "");
  controls.hidden = false;
  const say: Status = (text) => {
    status.textContent = text;
  };
  const reason = unsupported();
  if (reason) {
    button.disabled = true;
    say(reason);
    return;
  }

  const known = new Set<string>(JSON.parse(section.dataset["pushEndpoints"] ?? "[]") as string[]);
  const show = (on: boolean): void => button.setAttribute("aria-checked", on ? "true" : "false");
  let ready: Promise<ServiceWorkerRegistration> | null = null;
  const reg = (): Promise<ServiceWorkerRegistration> => (ready ??= registration());

  // On only when this browser has a subscription that Attune holds for this account.
  void navigator.serviceWorker.getRegistration("/").then(async (existing) => {
    const subscription = await existing?.pushManager.getSubscription();
    show(Boolean(subscription && known.has(subscription.endpoint) && Notification.permission === "granted"));
  });

  button.addEventListener("click", async () => {
    const wantOn = button.getAttribute("aria-checked") !== "true";
    button.disabled = true;
    say(wantOn ? "Turning reminders on…" : "Turning reminders off…");
    try {
      const done = wantOn ? await turnOn(await reg(), say) : await turnOff(await reg(), say);
      if (done) show(wantOn);
    } catch {
      say(
        wantOn
          ? "This browser wouldn't set up notifications. If it is in a private window, try a normal one."
          : "Something went wrong. Please try again.",
      );
    } finally {
      button.disabled = false;
    }
  });
}
