// Caches only the static shell (styles, script, icons, offline page). Pages and API responses
// can hold health data, so they are never stored: navigations go to the network and fall back
// to the offline page. Also shows check-in reminders that arrive by Web Push.
import { onNotificationClick, onPush, onPushSubscriptionChange } from "./reminders/push-events.sw";

declare const self: ServiceWorkerGlobalScope;
declare const __SHELL_VERSION__: string;

const CACHE = `attune-shell-${__SHELL_VERSION__}`;
const OFFLINE_URL = "/offline.html";
const SHELL = [
  "/dist/app.css",
  "/dist/app.js",
  OFFLINE_URL,
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/manifest.webmanifest",
];
const SHELL_PATHS = new Set(SHELL);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("attune-shell-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (SHELL_PATHS.has(url.pathname)) {
    event.respondWith(shellAsset(request));
  }
  // Everything else (API calls, hub traffic, uploads) goes straight to the network, uncached.
});

self.addEventListener("push", onPush);
self.addEventListener("notificationclick", onNotificationClick);
self.addEventListener("pushsubscriptionchange", onPushSubscriptionChange);

async function navigate(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    const offline = await caches.match(OFFLINE_URL, { cacheName: CACHE });
    return offline ?? Response.error();
  }
}

// Pages link fingerprinted names (/dist/app.<hash>.css, kept a year by the browser's own cache);
// the shell holds the plain names for the offline page. An exact hit is current for this shell
// version. On a miss, fetch and keep the answer; offline, any cached version of the file will do.
async function shellAsset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const exact = await cache.match(request);
  if (exact) return exact;
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch {
    return (await cache.match(request, { ignoreSearch: true })) ?? Response.error();
  }
}
