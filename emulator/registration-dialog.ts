/**
 * The LMS admin page that opens a tool's registration URL in a dialog, as Moodle 4.5's
 * "Manage tools" does: an iframe on the platform's own origin, and a listener that records what
 * the tool posts (it waits for `org.imsglobal.lti.close`). Messages are kept in
 * `window.receivedMessages` for browser tests.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#step-4-registration-completed-and-activation
 */
import { escapeHtml } from './html';

export const REGISTRATION_DIALOG_PATH = '/admin/tool/manage-tools';

export function registrationDialogUrl(baseUrl: string, registrationLaunchUrl: string): string {
  return `${baseUrl}${REGISTRATION_DIALOG_PATH}?${new URLSearchParams({ register: registrationLaunchUrl }).toString()}`;
}

/** The page, or null when `register` is not an http(s) URL. */
export function renderRegistrationDialog(register: string | null): string | null {
  let url: URL;
  try {
    url = new URL(register ?? '');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Manage tools · Inkwell Demo LMS</title></head>
<body><main>
<h1>Manage tools</h1>
<p id="dialog-status">Registering the tool…</p>
<iframe name="registration" title="Tool registration" width="800" height="520" src="${escapeHtml(url.toString())}"></iframe>
</main>
<script>
  window.receivedMessages = [];
  window.addEventListener('message', function (event) {
    window.receivedMessages.push({ data: event.data, origin: event.origin });
    if (event.data && event.data.subject === 'org.imsglobal.lti.close') {
      document.getElementById('dialog-status').textContent = 'The tool closed the dialog.';
    }
  });
</script>
</body></html>`;
}
