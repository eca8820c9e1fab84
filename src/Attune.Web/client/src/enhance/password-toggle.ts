// <button type="button" data-toggle-password="#Input_Password" hidden>Show</button> switches the
// named password field between hidden and visible text.
export function enhancePasswordToggles(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>("button[data-toggle-password]")) {
    const selector = button.dataset["togglePassword"];
    const input = selector ? document.querySelector<HTMLInputElement>(selector) : null;
    if (!input) continue;

    button.hidden = false;
    button.setAttribute("aria-pressed", "false");
    if (input.id) button.setAttribute("aria-controls", input.id);
    if (!button.hasAttribute("aria-label")) button.setAttribute("aria-label", "Show password");

    button.addEventListener("click", () => {
      const show = input.type === "password";
      input.type = show ? "text" : "password";
      button.setAttribute("aria-pressed", String(show));
      button.textContent = show ? "Hide" : "Show";
    });

    // Never leave a password readable in a field the browser might restore or submit as text.
    input.form?.addEventListener("submit", () => {
      input.type = "password";
    });
  }
}
