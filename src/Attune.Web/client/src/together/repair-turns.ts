// The repair page's speaker–listener turns (Features/Together/Pages/Repair.cshtml). Without this the turns are a plain
// list to follow at your own pace; here they become one turn at a time with a visible timer. The timer never moves
// on by itself (people are mid-sentence): when a turn's time is up it says so, once, and the next turn waits for a tap.
// The clock is a role="timer" (not read out every second); turn changes and "time is up" go to a status region.

function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function enhanceRepairTurns(root: ParentNode, now: () => number = () => performance.now()): void {
  const section = root.querySelector<HTMLElement>("[data-repair-turns]");
  const panel = section?.querySelector<HTMLElement>("[data-turn-timer]");
  if (!section || !panel) return;
  const turns = [...section.querySelectorAll<HTMLElement>("[data-turn]")];
  const count = panel.querySelector<HTMLElement>("[data-turn-count]")!;
  const display = panel.querySelector<HTMLElement>("[data-turn-clock]")!;
  const status = panel.querySelector<HTMLElement>("[data-turn-status]")!;
  const start = panel.querySelector<HTMLButtonElement>("[data-turn-start]")!;
  const next = panel.querySelector<HTMLButtonElement>("[data-turn-next]")!;
  const back = panel.querySelector<HTMLButtonElement>("[data-turn-back]")!;
  if (turns.length === 0) return;

  let current = 0;
  let left = 0;
  let endsAt: number | null = null;
  let ticker = 0;

  const title = (i: number): string => turns[i]?.querySelector(".repair-turn__title")?.firstChild?.textContent?.trim() ?? "";
  const seconds = (i: number): number => Number(turns[i]?.dataset["seconds"]) || 180;

  const render = (): void => {
    const remaining = endsAt === null ? left : (endsAt - now()) / 1000;
    display.textContent = remaining > 0 ? clock(remaining) : "Time is up";
    display.classList.toggle("is-up", remaining <= 0);
  };

  const stop = (): void => {
    window.clearInterval(ticker);
    if (endsAt !== null) left = Math.max(0, (endsAt - now()) / 1000);
    endsAt = null;
    start.setAttribute("aria-pressed", "false");
    start.textContent = left > 0 && left < seconds(current) ? "Continue" : "Start the timer";
  };

  const tick = (): void => {
    render();
    if (endsAt !== null && endsAt - now() <= 0) {
      left = 0;
      stop();
      start.textContent = "Start again";
      status.textContent = current < turns.length - 1
        ? "Time is up. Finish your sentence, then go on to the next turn when you're ready."
        : "Time is up. Finish your sentence; when you both feel heard, say below how you are now.";
    }
  };

  const show = (index: number, announce: boolean): void => {
    stop();
    current = index;
    left = seconds(index);
    turns.forEach((t, i) => t.classList.toggle("is-current", i === index));
    count.textContent = `Turn ${index + 1} of ${turns.length}`;
    back.disabled = index === 0;
    next.disabled = index === turns.length - 1;
    start.textContent = "Start the timer";
    render();
    if (announce) status.textContent = `Turn ${index + 1} of ${turns.length}: ${title(index)}.`;
  };

  start.addEventListener("click", () => {
    if (endsAt !== null) {
      stop();
      status.textContent = "Timer paused.";
      return;
    }
    if (left <= 0) left = seconds(current);
    endsAt = now() + left * 1000;
    start.setAttribute("aria-pressed", "true");
    start.textContent = "Pause";
    status.textContent = "";
    ticker = window.setInterval(tick, 250);
    tick();
  });
  next.addEventListener("click", () => show(Math.min(current + 1, turns.length - 1), true));
  back.addEventListener("click", () => show(Math.max(current - 1, 0), true));

  section.classList.add("is-guided");
  panel.hidden = false;
  show(0, false);
}
