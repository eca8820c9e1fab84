// Pages waiting for work on the server (a first analysis, a comparison) name how often to look again in
// <meta name="attune-look-again">. Instead of a timed refresh that reloads under the reader's eyes and focus (and that
// assistive technology cannot pause), the page is fetched quietly and reloaded only once the wait is over, that is when
// the fresh page no longer asks to look again. Without JavaScript, a <noscript> timed refresh does the same job.
const marker = 'name="attune-look-again"';

export function lookAgain(doc: Document = document): void {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="attune-look-again"]');
  const seconds = Number(meta?.content);
  if (!meta || !Number.isFinite(seconds) || seconds <= 0) return;
  const check = async (): Promise<void> => {
    try {
      const response = await fetch(location.href, { credentials: "same-origin", cache: "no-store" });
      if (response.ok && !(await response.text()).includes(marker)) {
        location.reload();
        return;
      }
    } catch {
      // Offline for a moment: try again at the next turn.
    }
    window.setTimeout(() => void check(), seconds * 1000);
  };
  window.setTimeout(() => void check(), seconds * 1000);
}
