// "Help me find the word": search every word (and its meaning), or nudge the list towards more or
// less energy and pleasantness, with the meanings of the closest words shown side by side to compare.
export function enhanceWordFinder(form: HTMLFormElement): void {
  const finder = form.querySelector<HTMLElement>("[data-word-finder]");
  const search = form.querySelector<HTMLInputElement>("[data-word-search]");
  const status = form.querySelector<HTMLElement>("[data-word-search-status]");
  if (!finder || !search || !status) return;
  const open = document.createElement("button");
  open.type = "button";
  open.className = "btn btn-link";
  open.textContent = "Help me find the word";
  open.setAttribute("aria-expanded", "false");
  open.addEventListener("click", () => {
    finder.hidden = !finder.hidden;
    open.setAttribute("aria-expanded", String(!finder.hidden));
    if (!finder.hidden) search.focus();
  });
  finder.before(open);

  const nudges = document.createElement("div");
  nudges.className = "word-nudges";
  nudges.setAttribute("role", "group");
  nudges.setAttribute("aria-label", "Closer to");
  const options: [string, string, (c: HTMLElement) => number][] = [
    ["more energy", "energy", (c) => -Number(c.dataset["energy"])],
    ["calmer", "calm", (c) => Number(c.dataset["energy"])],
    ["more pleasant", "pleasant", (c) => -Number(c.dataset["pleasantness"])],
    ["less pleasant", "unpleasant", (c) => Number(c.dataset["pleasantness"])],
  ];
  for (const [label, key, score] of options) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "chip-button";
    button.textContent = label;
    button.dataset["nudge"] = key;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => {
      for (const other of nudges.querySelectorAll("button")) other.setAttribute("aria-pressed", String(other === button));
      for (const chips of form.querySelectorAll<HTMLElement>(".word-chips")) {
        const sorted = [...chips.querySelectorAll<HTMLElement>(".word-chip")].sort((a, b) => score(a) - score(b));
        chips.append(...sorted);
        const group = chips.closest<HTMLElement>(".word-group");
        if (group && !group.hidden) compare(group, sorted.slice(0, 6));
      }
      status.textContent = `Words with ${label} first. Their meanings are below, to compare.`;
    });
    nudges.append(button);
  }
  finder.append(nudges);

  search.addEventListener("input", () => {
    const query = search.value.trim().toLowerCase();
    let shown = 0;
    for (const group of form.querySelectorAll<HTMLElement>(".word-group")) {
      let inGroup = 0;
      for (const chip of group.querySelectorAll<HTMLElement>(".word-chip")) {
        const match = query === "" || `${chip.dataset["word"]} ${chip.dataset["definition"]}`.toLowerCase().includes(query);
        chip.hidden = !match;
        if (match) inGroup++;
      }
      if (query !== "") group.hidden = inGroup === 0;
      shown += inGroup;
    }
    status.textContent = query === "" ? "" : shown === 0 ? "No word matches. You can add your own under My words." : `${shown} ${shown === 1 ? "word" : "words"} match.`;
  });
}

/** Opens the group's meanings and shows only those of the given chips, in their order. */
function compare(group: HTMLElement, chips: HTMLElement[]): void {
  const details = group.querySelector<HTMLDetailsElement>(".word-meanings");
  const list = details?.querySelector("dl");
  if (!details || !list) return;
  const ids = chips.map((c) => c.querySelector("input")?.value ?? "");
  for (const item of list.querySelectorAll<HTMLElement>("[data-meaning-of]")) {
    item.hidden = !ids.includes(item.dataset["meaningOf"] ?? "");
  }
  for (const id of ids) {
    const item = list.querySelector<HTMLElement>(`[data-meaning-of="${id}"]`);
    if (item) list.append(item);
  }
  details.open = true;
}
