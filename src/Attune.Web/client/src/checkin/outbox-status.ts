// On every page: send check-ins that were saved on this device while offline, as soon as the page
// loads or the connection comes back, and say how many are still waiting where a page has room for it.
import { discard, flush, waiting } from "./outbox";

export function startOutbox(root: ParentNode): void {
  if (!("indexedDB" in window)) return;
  const status = root.querySelector<HTMLElement>("[data-outbox-status]");
  const show = async (): Promise<void> => {
    if (!status) return;
    const items = await waiting();
    status.replaceChildren();
    status.hidden = items.length === 0;
    const pending = items.filter(([, i]) => !i.problem).length;
    if (pending > 0) {
      const p = document.createElement("p");
      p.textContent = pending === 1
        ? "1 check-in is saved on this device and waiting for a connection."
        : `${pending} check-ins are saved on this device and waiting for a connection.`;
      status.append(p);
    }
    for (const [key, item] of items.filter(([, i]) => i.problem)) {
      const p = document.createElement("p");
      p.textContent = `A check-in from ${new Date(item.savedAt).toLocaleString()} could not be saved: ${item.problem} `;
      const drop = document.createElement("button");
      drop.type = "button";
      drop.className = "btn btn-link";
      drop.textContent = "Discard it";
      drop.addEventListener("click", () => void discard(key).then(show));
      p.append(drop);
      status.append(p);
    }
  };
  const sync = async (): Promise<void> => {
    const sent = await flush();
    await show();
    if (sent > 0 && status) {
      const p = document.createElement("p");
      p.textContent = sent === 1 ? "A check-in saved offline has now been sent." : `${sent} check-ins saved offline have now been sent.`;
      status.hidden = false;
      status.prepend(p);
    }
  };
  window.addEventListener("online", () => void sync());
  void sync();
}
