// The Together page (Features/Together/Pages/Index.cshtml) says "time to come back together" once a break's return
// time has come. The server shows it on any load after that time; this shows it if the time comes while the page is
// open, inside a status region so a screen reader hears it too.
const longestTimeout = 2 ** 31 - 1;

export function revealReturnBanners(root: ParentNode, now: () => number = Date.now): void {
  for (const region of root.querySelectorAll<HTMLElement>("[data-return-at]")) {
    const banner = region.querySelector<HTMLElement>("[hidden]");
    const at = Date.parse(region.dataset["returnAt"] ?? "");
    if (!banner || !Number.isFinite(at)) continue;
    const wait = at - now();
    if (wait <= 0) banner.hidden = false;
    else if (wait < longestTimeout) window.setTimeout(() => (banner.hidden = false), wait);
  }
}
