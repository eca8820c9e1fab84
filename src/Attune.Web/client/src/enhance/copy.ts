// <button type="button" data-copy="#recovery-codes" hidden>Copy</button> copies the text of the
// element the selector names. The button is hidden in the markup because it needs JavaScript.
export function enhanceCopyButtons(root: ParentNode): void {
  if (!navigator.clipboard) return;

  for (const button of root.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
    const selector = button.dataset["copy"];
    const source = selector ? document.querySelector<HTMLElement>(selector) : null;
    if (!source) continue;

    const label = button.textContent ?? "Copy";
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    button.after(status);
    button.hidden = false;

    let reset: number | undefined;
    button.addEventListener("click", async () => {
      const text = source instanceof HTMLInputElement ? source.value : (source.innerText ?? "");
      try {
        await navigator.clipboard.writeText(text.trim());
        button.textContent = "Copied";
        status.textContent = "Copied to the clipboard.";
      } catch {
        status.textContent = "Copying did not work. Select the text and copy it yourself.";
      }
      window.clearTimeout(reset);
      reset = window.setTimeout(() => {
        button.textContent = label;
        status.textContent = "";
      }, 2500);
    });
  }
}
