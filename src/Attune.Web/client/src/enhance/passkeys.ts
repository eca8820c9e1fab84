// Passkeys (WebAuthn) on the settings page, the sign-in page and the second sign-in step. Each form carries
// data-passkey="create" or "get" and data-passkey-options="<page handler>": on submit the script asks that handler
// for the ceremony's options (the form's own fields, with its antiforgery token, go along), runs the browser's
// passkey prompt, puts the result in the form's hidden credential field and sends the form as usual. Without
// passkey support the forms' buttons stay hidden and the page says so.

type Mode = "create" | "get";

function supported(): boolean {
  return (
    typeof window.PublicKeyCredential === "function" &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function"
  );
}

function say(form: HTMLFormElement, message: string): void {
  const box = form.querySelector<HTMLElement>("[data-passkey-error]");
  if (box) {
    box.textContent = message;
    box.hidden = false;
    box.focus?.();
  }
}

function problem(error: unknown, mode: Mode): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") {
    return mode === "create"
      ? "Nothing was added: the passkey prompt was closed or timed out. You can try again whenever you like."
      : "The passkey prompt was closed or timed out. You can try again, or use your password.";
  }
  if (name === "InvalidStateError") {
    return "This device already has a passkey for your account.";
  }
  if (name === "SecurityError") {
    return "Passkeys only work when this site is opened under its proper address (https, or localhost on this machine).";
  }
  return "Something went wrong with the passkey. Please try again.";
}

async function run(form: HTMLFormElement, mode: Mode, button: HTMLButtonElement): Promise<void> {
  const handler = form.dataset.passkeyOptions ?? "Options";
  const url = new URL(form.action || location.href, location.href);
  url.searchParams.set("handler", handler);
  button.disabled = true;
  try {
    const response = await fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (body as { error?: string } | null)?.error;
      say(form, error ?? "Passkeys aren't available right now. Please try again in a moment.");
      return;
    }
    const credential =
      mode === "create"
        ? await navigator.credentials.create({
            publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(body as PublicKeyCredentialCreationOptionsJSON),
          })
        : await navigator.credentials.get({
            publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(body as PublicKeyCredentialRequestOptionsJSON),
          });
    if (!(credential instanceof PublicKeyCredential)) {
      say(form, problem(null, mode));
      return;
    }
    const field = form.querySelector<HTMLInputElement>("[data-passkey-credential]");
    if (!field) return;
    field.value = JSON.stringify(credential.toJSON());
    form.submit();
  } catch (error) {
    say(form, problem(error, mode));
  } finally {
    button.disabled = false;
  }
}

export function enhancePasskeys(root: ParentNode): void {
  const forms = root.querySelectorAll<HTMLFormElement>("form[data-passkey]");
  if (forms.length === 0) return;
  const ok = supported();
  for (const form of forms) {
    const mode: Mode = form.dataset.passkey === "create" ? "create" : "get";
    const button = form.querySelector<HTMLButtonElement>("[data-passkey-ready]");
    const unsupported = form.querySelector<HTMLElement>("[data-passkey-unsupported]");
    if (!ok || !button) continue;
    button.hidden = false;
    if (unsupported) unsupported.hidden = true;
    form.closest<HTMLElement>("[data-passkey-section]")?.removeAttribute("hidden");
    form.addEventListener("submit", (event) => {
      const field = form.querySelector<HTMLInputElement>("[data-passkey-credential]");
      if (field?.value) return; // the second, real submit
      event.preventDefault();
      void run(form, mode, button);
    });
  }
}
