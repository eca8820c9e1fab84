// The resonance-rate finder (Features/Practices/Pages/Resonance.cshtml): a minute at each rate, then a comfort
// rating, one rate after another. Without this script each rate links to the player at that rate instead.
// Choosing is the server's (Attune.Analysis ResonanceChoice.ByComfort); when a heart-rate strap is connected, the live
// panel (live/panel.ts) hears `attune:trial` / `attune:trial-end` and puts each minute's beats in the form, and the
// server chooses by the heart's swing (ResonanceChoice.BySwing).
import { wantsSimulatedStrap } from "../live/choose-source";
import { Cues, loadCueSettings } from "./cues";
import { atRate, Pacer } from "./pacer";
import { enhanceIntensityOutputs } from "./player";

/** A minute at each rate; with the simulated strap (tests and demos) `?finderSeconds=N` shortens it. */
function secondsPerRate(): number {
  const asked = Number(new URLSearchParams(location.search).get("finderSeconds"));
  return wantsSimulatedStrap() && asked > 0 ? asked : 60;
}
// Resonance protocols breathe in for about 40 % of each breath and out for 60 %.
const shape = { inhale: 4, holdIn: 0, exhale: 6, holdOut: 0 };

export function enhanceResonanceFinder(root: ParentNode): void {
  const form = root.querySelector<HTMLFormElement>("form[data-finder]");
  if (!form) return;
  enhanceIntensityOutputs(form);
  const pacerRoot = form.querySelector<HTMLElement>("[data-pacer]");
  const start = form.querySelector<HTMLButtonElement>("[data-finder-start]");
  const trials = [...form.querySelectorAll<HTMLElement>("[data-trial]")];
  if (!pacerRoot || !start || trials.length === 0) return;
  const pacer = new Pacer(pacerRoot, shape);
  const cues = new Cues(loadCueSettings());
  pacer.onPhase = (phase) => cues.phase(phase.name);
  form.classList.add("is-guided");
  let timer = 0;

  const run = (index: number): void => {
    const trial = trials[index];
    if (!trial) {
      pacer.stop("Thank you. Keep the rate that suited you best.");
      cues.letSleep();
      form.querySelector<HTMLButtonElement>("[data-finder-save]")?.focus();
      return;
    }
    trials.forEach((t, i) => t.classList.toggle("is-current", i === index));
    const rate = Number(trial.dataset["rate"]);
    document.dispatchEvent(new CustomEvent("attune:trial", { detail: { index, rate } }));
    pacer.stop();
    pacer.setPattern(atRate(shape, rate));
    pacer.start();
    const radios = [...trial.querySelectorAll<HTMLInputElement>("input[type=radio]")];
    let moved = false;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      document.dispatchEvent(new CustomEvent("attune:trial-end", { detail: { index } }));
    };
    const onward = (): void => {
      if (moved) return;
      moved = true;
      window.clearTimeout(timer);
      end();
      run(index + 1);
    };
    for (const radio of radios) radio.addEventListener("change", onward, { once: true });
    timer = window.setTimeout(() => {
      end();
      pacer.stop(`How comfortable was ${trial.dataset["rate"]} breaths a minute?`);
      radios[0]?.focus();
    }, secondsPerRate() * 1000);
  };

  start.addEventListener("click", () => {
    void cues.keepAwake();
    start.textContent = "Start again";
    window.clearTimeout(timer);
    run(0);
  });
}
