// Progressive enhancements only: every page works without this file.
import { enhanceAccessLog } from "./enhance/access-log";
import { enhanceAccountMenus } from "./enhance/account-menu";
import { enhanceCopyButtons } from "./enhance/copy";
import { enhancePasswordToggles } from "./enhance/password-toggle";
import { enhancePasskeys } from "./enhance/passkeys";
import { registerServiceWorker } from "./enhance/service-worker";
import { enhanceCheckInForm } from "./checkin/flow";
import { fillBrowserZones } from "./enhance/browser-zone";
import { lookAgain } from "./enhance/look-again";
import { startOutbox } from "./checkin/outbox-status";
import { enhancePushSwitch } from "./reminders/push-switch";
import { enhancePracticePlayer } from "./practices/player";
import { enhanceResonanceFinder } from "./practices/finder";
import { revealReturnBanners } from "./together/return-banner";
import { enhanceRepairTurns } from "./together/repair-turns";

function start(): void {
  document.documentElement.classList.add("js");
  enhanceAccessLog(document);
  enhanceAccountMenus(document);
  enhanceCopyButtons(document);
  enhancePasswordToggles(document);
  enhancePasskeys(document);
  fillBrowserZones(document);
  lookAgain(document);
  enhanceCheckInForm(document);
  startOutbox(document);
  enhancePushSwitch(document);
  enhancePracticePlayer(document);
  enhanceResonanceFinder(document);
  revealReturnBanners(document);
  enhanceRepairTurns(document);
  registerServiceWorker();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start, { once: true });
} else {
  start();
}
