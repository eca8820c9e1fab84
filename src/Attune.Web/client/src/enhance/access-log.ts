// "Who looked at my data": the "Show older" link (<a data-access-log-older href="?before=…">) loads
// the next page in place through the API instead of a new page, worded as the server words it.
// Without JavaScript, or if the call fails, it stays an ordinary link.
import { api, type Schemas } from "../api/client";

type Entry = Schemas["AccessLogEntryDto"];

export function enhanceAccessLog(root: ParentNode): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>("a[data-access-log-older]")) {
    const log = link.closest<HTMLElement>("[data-access-log]");
    const status = log?.querySelector<HTMLElement>("[data-access-log-status]");
    const more = link.closest("p");
    if (!log || !status || !more) continue;
    const format = new LogFormat(log.dataset["timeZone"]);
    let loading = false;

    link.addEventListener("click", async (event) => {
      const before = new URL(link.href).searchParams.get("before");
      if (!before) return;
      event.preventDefault();
      if (loading) return;
      loading = true;
      try {
        const { data } = await api.GET("/api/v1/access-log", { params: { query: { before } } });
        if (!data) throw new Error("The access log could not be loaded.");
        const names = await recordingNames(data.entries);
        const first = append(log, more, data.entries, format, names);
        announce(status, `${data.entries.length} more ${data.entries.length === 1 ? "entry" : "entries"}.`);
        if (data.before == null) more.remove();
        else link.href = `?before=${encodeURIComponent(String(data.before))}`;
        first?.focus();
      } catch {
        // Let the browser load the page the link names; it shows whatever went wrong.
        window.location.assign(link.href);
      } finally {
        loading = false;
      }
    });
  }
}

/** Polite, and said again even when the words are the same as last time ("50 more entries."). */
function announce(status: HTMLElement, message: string): void {
  status.textContent = "";
  window.setTimeout(() => {
    status.textContent = message;
  }, 100);
}

/** Adds the entries under their day headings, continuing the last day shown; returns the first new item. */
function append(log: HTMLElement, before: Element, entries: Entry[], format: LogFormat, names: Map<string, string>): HTMLElement | null {
  let first: HTMLElement | null = null;
  const days = log.querySelectorAll<HTMLElement>("h3.log-day");
  const lastDay = days[days.length - 1];
  let day = lastDay?.textContent ?? null;
  let list = lastDay?.nextElementSibling instanceof HTMLUListElement ? lastDay.nextElementSibling : null;
  for (const entry of entries) {
    const at = new Date(entry.at);
    const label = format.day(at);
    if (label !== day || !list) {
      const heading = document.createElement("h3");
      heading.className = "log-day";
      heading.textContent = label;
      list = document.createElement("ul");
      list.className = "access-log";
      before.before(heading, list);
      day = label;
    }
    const item = document.createElement("li");
    const time = document.createElement("time");
    time.dateTime = entry.at;
    time.textContent = format.time(at);
    const reader = document.createElement("strong");
    reader.textContent = entry.reader.name;
    item.append(time, " ", reader, " ", what(entry, names));
    list.append(item);
    if (!first) {
      item.tabIndex = -1;
      first = item;
    }
  }
  return first;
}

/** The same words as AccessLogModel.What on the server. */
function what(entry: Entry, names: Map<string, string>): string {
  if (entry.stream === "recordings") {
    if (entry.resourceId == null) return "looked at the list of your heart recordings";
    const name = names.get(entry.resourceId);
    return name === undefined ? "opened a recording you have since deleted" : `opened your recording “${name}”`;
  }
  return entry.resourceId == null ? `looked at your ${entry.stream}` : `opened one of your ${entry.stream}`;
}

/**
 * The names of the person's own recordings that were opened, as the page shows them. The log holds ids
 * only (no names: decision 0005); a recording since deleted has no name and is a 404.
 */
async function recordingNames(entries: Entry[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const e of entries) if (e.stream === "recordings" && e.resourceId != null) ids.add(e.resourceId);
  const found = await Promise.all(
    [...ids].map(async (id) => {
      const { data, response } = await api.GET("/api/v1/recordings/{id}", { params: { path: { id } } });
      if (!data && response.status !== 404) throw new Error("A recording's name could not be loaded.");
      return [id, data?.name] as const;
    }),
  );
  const names = new Map<string, string>();
  for (const [id, name] of found) if (name !== undefined) names.set(id, name);
  return names;
}

/** Days and times as the server writes them ("Friday 4 December 2026", "14:05"), in the person's zone. */
class LogFormat {
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly timeFormat: Intl.DateTimeFormat;

  constructor(zone: string | undefined) {
    const timeZone = LogFormat.known(zone) ? zone : "UTC";
    this.dayFormat = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" });
    this.timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }

  day(at: Date): string {
    const part = LogFormat.parts(this.dayFormat, at);
    return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
  }

  time(at: Date): string {
    const part = LogFormat.parts(this.timeFormat, at);
    return `${part("hour")}:${part("minute")}`;
  }

  private static parts(format: Intl.DateTimeFormat, at: Date): (type: Intl.DateTimeFormatPartTypes) => string {
    const parts = format.formatToParts(at);
    return (type) => parts.find((p) => p.type === type)?.value ?? "";
  }

  // Like the server, an unknown zone falls back to UTC.
  private static known(zone: string | undefined): zone is string {
    if (!zone) return false;
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }
}
