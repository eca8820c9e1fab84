// The check-in form as three taps: state, corner, word. Tapping a word saves at once (the fast path);
// "Choose several words" or "Add your body…" lead to the full form. Saving goes through the API with
// the form's idempotency key; without a connection the check-in waits on the device (outbox.ts).
// Without JavaScript the same form works as one page.
import { checkInBody, newIdempotencyKey } from "./request";
import { flush, keep, send } from "./outbox";
import { enhanceBodyMap } from "./body-map";
import { enhanceWordFinder } from "./word-finder";

type Step = "state" | "quadrant" | "words" | "more";

export function enhanceCheckInForm(root: ParentNode): void {
  const form = root.querySelector<HTMLFormElement>("form[data-checkin-form]");
  if (!form) return;
  const status = form.querySelector<HTMLElement>("[data-checkin-status]");
  const zone = form.querySelector<HTMLInputElement>("[data-browser-zone]");

  enhanceIntensity(form);
  enhanceBodyMap(form);
  enhanceWordFinder(form);

  // A form the server sent back with problems stays one long form, so every note is in view.
  if (form.querySelector(".field-error")) return;

  const steps = {
    state: form.querySelector<HTMLElement>('[data-step="state"]'),
    quadrant: form.querySelector<HTMLElement>('[data-step="quadrant"]'),
    words: form.querySelector<HTMLElement>('[data-step="words"]'),
    more: form.querySelector<HTMLElement>(".checkin-more"),
    save: form.querySelector<HTMLElement>(".checkin-save"),
  };
  if (!steps.state || !steps.quadrant || !steps.words || !steps.more || !steps.save) return;
  form.classList.add("is-wizard");
  let multi = false;

  const chosenState = (): string => form.querySelector<HTMLInputElement>('input[name="Form.State"]:checked')?.value ?? "connected";
  const chosenQuadrant = (): string | undefined => form.querySelector<HTMLInputElement>('input[name="Form.Quadrant"]:checked')?.value;

  // In three taps, how strong comes right after which state, above the corners.
  const intensity = steps.state.querySelector<HTMLElement>(".intensity-field");
  const blend = steps.state.querySelector<HTMLElement>(".blend");
  const intensityLabel = intensity?.querySelector("label");
  if (intensity && blend) steps.quadrant.querySelector("h2")?.after(intensity, blend);

  let first = true;
  const show = (step: Step): void => {
    for (const el of [steps.state, steps.quadrant, steps.words, steps.more, steps.save]) el?.classList.remove("is-current");
    if (step === "more") {
      steps.words?.classList.add("is-current");
      steps.more?.classList.add("is-current");
      steps.save?.classList.add("is-current");
      (steps.more as HTMLDetailsElement).open = true;
    } else {
      steps[step]?.classList.add("is-current");
      if (step === "words" && multi) steps.save?.classList.add("is-current");
    }
    const heading = (step === "more" ? steps.words : steps[step])?.querySelector<HTMLElement>("h2");
    if (first) {
      first = false;
    } else if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  };

  const backButton = (to: Step): HTMLButtonElement => {
    const back = document.createElement("button");
    back.type = "button";
    back.className = "btn btn-link";
    back.textContent = "Back";
    back.addEventListener("click", () => show(to));
    return back;
  };

  const quadrantNav = document.createElement("div");
  quadrantNav.className = "wizard-nav";
  quadrantNav.append(backButton("state"));
  steps.quadrant.append(quadrantNav);

  const wordsNav = document.createElement("div");
  wordsNav.className = "wizard-nav";
  const several = document.createElement("button");
  several.type = "button";
  several.className = "btn btn-secondary btn-small";
  several.textContent = "Choose several words";
  several.addEventListener("click", () => {
    multi = true;
    several.hidden = true;
    for (const group of form.querySelectorAll<HTMLElement>(".word-group")) group.hidden = false;
    show("words");
  });
  const more = document.createElement("button");
  more.type = "button";
  more.className = "btn btn-secondary btn-small";
  more.textContent = "Add body, context or a note";
  more.addEventListener("click", () => {
    multi = true;
    several.hidden = true;
    show("more");
  });
  const hint = document.createElement("p");
  hint.className = "hint";
  hint.textContent = "Tap the word that fits and it's saved.";
  wordsNav.append(backButton("quadrant"), several, more);
  steps.words.querySelector("h2")?.after(hint, wordsNav);

  form.addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === "Form.State") {
      markUsualQuadrants(form, target.value);
      const name = target.closest("label")?.querySelector(".state-card__name")?.textContent?.toLowerCase() ?? "";
      if (intensityLabel?.firstChild) intensityLabel.firstChild.textContent = `How strongly ${name}? `;
      window.setTimeout(() => show("quadrant"), 120);
    } else if (target.name === "Form.Quadrant") {
      showWordsOf(form, target.value, chosenState());
      window.setTimeout(() => show("words"), 120);
    } else if (target.name === "Form.Emotions" && target.checked && !multi) {
      hint.textContent = "Saving…";
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void save(form, status).then((stayed) => {
      if (!stayed) return;
      // Offline: the check-in is kept on this device; start a fresh one.
      form.reset();
      multi = false;
      several.hidden = false;
      hint.textContent = "Tap the word that fits and it's saved.";
      const key = form.querySelector<HTMLInputElement>('input[name="Form.IdempotencyKey"]');
      if (key) key.value = newIdempotencyKey();
      if (zone) zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
      show("state");
    });
  });

  markUsualQuadrants(form, chosenState());
  const quadrant = chosenQuadrant();
  if (quadrant) showWordsOf(form, quadrant, chosenState());
  show("state");
}

/** Saves through the API; returns true when the page stays (offline), false when it moves on. */
async function save(form: HTMLFormElement, status: HTMLElement | null): Promise<boolean> {
  const body = checkInBody(form);
  const say = (text: string): void => {
    if (status) status.textContent = text;
  };
  if (navigator.onLine === false) {
    await keep(body);
    say("You're offline. This check-in is saved on this device and will be sent when you're back online.");
    return true;
  }
  const result = await send(body);
  switch (result.kind) {
    case "sent":
      window.location.assign(`/checkins/${result.id}?saved=true`);
      return false;
    case "offline":
      await keep(body);
      say("We couldn't reach Attune. This check-in is saved on this device and will be sent when the connection is back.");
      void flush();
      return true;
    case "signedOut":
    case "refused":
      // Let the server's own page explain, field by field.
      HTMLFormElement.prototype.submit.call(form);
      return false;
  }
}

function markUsualQuadrants(form: HTMLFormElement, state: string): void {
  for (const label of form.querySelectorAll<HTMLElement>("[data-usual-for]")) {
    label.classList.toggle("is-usual", (label.dataset["usualFor"] ?? "").split(" ").includes(state));
  }
}

/** Shows one corner's words, ordered for the chosen state (familiar words first). */
function showWordsOf(form: HTMLFormElement, quadrant: string, state: string): void {
  const rankKey = `rank${state.charAt(0).toUpperCase()}${state.slice(1).toLowerCase()}`;
  for (const group of form.querySelectorAll<HTMLElement>(".word-group")) {
    group.hidden = group.dataset["quadrant"] !== quadrant;
    const chips = group.querySelector<HTMLElement>(".word-chips");
    if (!chips) continue;
    const sorted = [...chips.querySelectorAll<HTMLElement>(".word-chip")].sort(
      (a, b) => Number(a.dataset[rankKey] ?? 0) - Number(b.dataset[rankKey] ?? 0),
    );
    chips.append(...sorted);
  }
}

function enhanceIntensity(form: HTMLFormElement): void {
  for (const range of form.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
    const output = form.querySelector<HTMLOutputElement>(`output[for="${range.id}"]`);
    if (!output) continue;
    range.addEventListener("input", () => {
      output.value = range.value;
    });
  }
}
