// Progressive enhancements only: every page works without this file.
import { enhanceAccessLog } from "./enhance/access-log";
import { enhanceAccountMenus } from "./enhance/account-menu";
import { enhanceCopyButtons } from "./enhance/copy";
import { enhancePasswordToggles } from "./enhance/password-toggle";
import { registerServiceWorker } from "./enhance/service-worker";

function start(): void {
  document.documentElement.classList.add("js");
  enhanceAccessLog(document);
  enhanceAccountMenus(document);
  enhanceCopyButtons(document);
  enhancePasswordToggles(document);
  registerServiceWorker();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start, { once: true });
} else {
  start();
}
