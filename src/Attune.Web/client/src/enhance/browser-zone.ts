// Fields marked data-browser-zone start at the browser's own time zone: a new account gets the
// zone the person lives in (the server's default is UTC), and a check-in records where it was made.
export function fillBrowserZones(root: ParentNode): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-browser-zone]")) {
    if (field instanceof HTMLSelectElement) {
      // Only while it still shows the default, and only to a zone the list offers.
      const untouched = field.value === "UTC" || field.value === "";
      if (untouched && [...field.options].some((o) => o.value === zone)) field.value = zone;
    } else if (!field.value) {
      field.value = zone;
    }
  }
}
