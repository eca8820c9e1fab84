// The body map: each region of the picture becomes a button (mouse, touch or keyboard) that opens a
// choice of sensations; chosen pairs are listed, each with a way to take it back. Without JavaScript
// the select rows below the picture do the same job.
export function enhanceBodyMap(form: HTMLFormElement): void {
  const wrap = form.querySelector<HTMLElement>("[data-body-map]");
  const picker = form.querySelector<HTMLElement>("[data-body-picker]");
  const title = form.querySelector<HTMLElement>("[data-body-picker-title]");
  const chosen = form.querySelector<HTMLUListElement>("[data-body-chosen]");
  const rows = form.querySelector<HTMLElement>("[data-body-rows]");
  if (!wrap || !picker || !title || !chosen) return;
  if (rows) rows.hidden = true;

  const svg = wrap.querySelector("svg");
  svg?.removeAttribute("aria-hidden");
  svg?.setAttribute("role", "group");
  svg?.setAttribute("aria-label", "Body map: choose a place");

  let region: string | null = null;
  const regionName = (id: string): string =>
    wrap.querySelector(`[data-region="${id}"] title`)?.textContent ?? id;
  const pairs = (): string[] => [...chosen.querySelectorAll<HTMLInputElement>('input[name="Form.Body"]')].map((i) => i.value);

  const refresh = (): void => {
    const all = pairs();
    for (const path of wrap.querySelectorAll<SVGElement>("[data-region]")) {
      const id = path.dataset["region"] ?? "";
      const on = all.some((p) => p.startsWith(`${id}:`));
      path.classList.toggle("is-selected", on);
      path.setAttribute("aria-pressed", String(on));
    }
    if (region) {
      for (const button of picker.querySelectorAll<HTMLButtonElement>("[data-sensation]")) {
        button.setAttribute("aria-pressed", String(all.includes(`${region}:${button.dataset["sensation"]}`)));
      }
    }
  };

  const addRemove = (li: HTMLLIElement, value: string): void => {
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-link btn-small";
    remove.textContent = "×";
    remove.setAttribute("aria-label", `Remove ${li.textContent?.trim() ?? value}`);
    remove.addEventListener("click", () => {
      li.remove();
      refresh();
    });
    li.append(remove);
  };

  for (const li of chosen.querySelectorAll<HTMLLIElement>("li")) {
    const value = li.querySelector<HTMLInputElement>("input")?.value ?? "";
    addRemove(li, value);
  }

  const toggle = (value: string, label: string): void => {
    const existing = [...chosen.querySelectorAll<HTMLInputElement>('input[name="Form.Body"]')].find((i) => i.value === value);
    if (existing) {
      existing.closest("li")?.remove();
    } else {
      const li = document.createElement("li");
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "Form.Body";
      input.value = value;
      li.append(input, document.createTextNode(label));
      addRemove(li, value);
      chosen.append(li);
    }
    refresh();
  };

  const open = (id: string): void => {
    region = id;
    title.textContent = `${regionName(id)}: how does it feel?`;
    picker.hidden = false;
    refresh();
    picker.querySelector<HTMLButtonElement>("[data-sensation]")?.focus();
  };

  for (const path of wrap.querySelectorAll<SVGElement>("[data-region]")) {
    const id = path.dataset["region"] ?? "";
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "button");
    path.setAttribute("aria-label", regionName(id));
    path.addEventListener("click", () => open(id));
    path.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        open(id);
      }
    });
  }
  for (const button of picker.querySelectorAll<HTMLButtonElement>("[data-sensation]")) {
    button.addEventListener("click", () => {
      if (region) toggle(`${region}:${button.dataset["sensation"]}`, `${regionName(region)}: ${button.textContent?.trim() ?? ""}`);
    });
  }
  picker.querySelector<HTMLButtonElement>("[data-body-picker-close]")?.addEventListener("click", () => {
    picker.hidden = true;
    if (region) wrap.querySelector<SVGElement>(`[data-region="${region}"]`)?.focus();
    region = null;
  });
  refresh();
}
