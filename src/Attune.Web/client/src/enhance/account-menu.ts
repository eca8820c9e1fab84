// The account menu is a <button aria-expanded> that shows and hides a list of links. Without
// JavaScript the button stays hidden and the links are shown inline, so nothing is out of reach.
export function enhanceAccountMenus(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>("button[data-menu-toggle]")) {
    const menuId = button.getAttribute("aria-controls");
    const menu = menuId ? document.getElementById(menuId) : null;
    if (!menu) continue;

    const container = button.closest<HTMLElement>("[data-menu]") ?? menu;
    const setOpen = (open: boolean): void => {
      button.setAttribute("aria-expanded", String(open));
      menu.hidden = !open;
    };

    button.hidden = false;
    container.classList.add("is-enhanced");
    setOpen(false);

    button.addEventListener("click", () => {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
    document.addEventListener("click", (event) => {
      if (event.target instanceof Node && !container.contains(event.target)) setOpen(false);
    });
    container.addEventListener("focusout", (event) => {
      const next = event.relatedTarget;
      if (next instanceof Node && !container.contains(next)) setOpen(false);
    });
  }
}
