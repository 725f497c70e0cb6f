/**
 * HTML building blocks for the emulator: escaping, the page shell, auto-submitting forms (how
 * an LMS hands a browser to the tool) and a parser for those forms so tests can play the browser.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for element content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

function unescapeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => {
    switch (name) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      default:
        return "'";
    }
  });
}

/**
 * Calm, high-contrast defaults: system fonts, dark text on white (>= 12:1), links at >= 7:1, and
 * a thick focus ring that never relies on colour alone.
 */
const BASE_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif;
  font-size: 1rem; line-height: 1.5; color: #1f2933; background: #f7f7f5; }
a { color: #0b4f8a; }
a:hover { color: #06345c; }
:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip-link:focus { left: 1rem; z-index: 10; }
header.site { background: #1f2933; color: #fff; padding: .75rem 1.5rem; }
header.site p { margin: 0; }
header.site .product { font-weight: 700; font-size: 1.125rem; }
.notice { background: #fff4d6; color: #3d2a00; border: 2px solid #8a6100; border-radius: 6px;
  padding: .5rem .75rem; margin: .5rem 0 0; display: inline-block; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
section.panel { background: #fff; border: 1px solid #d2d6dc; border-radius: 8px; padding: 1rem 1.25rem;
  margin-bottom: 1.5rem; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
.muted { color: #4b5563; }
.launches { display: flex; flex-wrap: wrap; gap: .75rem; list-style: none; padding: 0; margin: 0; }
a.button, button { display: inline-block; font: inherit; padding: .5rem 1rem; border-radius: 6px;
  border: 2px solid #0b4f8a; background: #0b4f8a; color: #fff; text-decoration: none; cursor: pointer; }
a.button.secondary { background: #fff; color: #0b4f8a; }
a.button:hover, button:hover { background: #06345c; border-color: #06345c; color: #fff; }
iframe.tool { width: 100%; height: 900px; border: 1px solid #9aa5b1; border-radius: 6px; background: #fff; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .5rem .75rem; border-bottom: 1px solid #d2d6dc; }
thead th { background: #eef1f4; }
td.comment { white-space: pre-wrap; max-width: 32rem; }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
`;

export interface PageOptions {
  title: string;
  /** Already-escaped HTML for <body>. */
  body: string;
  /** Extra CSS (trusted, static). */
  css?: string;
}

export function renderPage({ title, body, css = '' }: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The page an LMS returns to move the browser on with a POST: submits itself when scripts run
 * and keeps a visible "Continue" button for when they do not.
 */
export function renderAutoSubmitForm(options: {
  title: string;
  message: string;
  action: string;
  fields: Record<string, string>;
}): string {
  const inputs = Object.entries(options.fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  return renderPage({
    title: options.title,
    body: `<main>
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(options.message)}</p>
<form id="auto-submit" method="post" action="${escapeHtml(options.action)}">
${inputs}
<button type="submit">Continue</button>
</form>
</main>
<script>document.getElementById('auto-submit').submit();</script>`,
  });
}

export function renderErrorPage(title: string, reason: string): string {
  return renderPage({
    title,
    body: `<main>
<h1>${escapeHtml(title)}</h1>
<p role="alert">${escapeHtml(reason)}</p>
</main>`,
  });
}

export interface ParsedForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  if (!match) return undefined;
  return unescapeHtml(match[1] ?? match[2] ?? '');
}

/**
 * Read the first form of an auto-submit page (ours or a tool's) so a test can replay what the
 * browser would post. Only meant for simple generated markup, not arbitrary HTML.
 */
export function parseAutoSubmitForm(html: string): ParsedForm {
  const formMatch = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!formMatch) throw new Error('no <form> in the page');
  const formTag = /<form\b[^>]*>/i.exec(formMatch[0])![0];
  const fields: Record<string, string> = {};
  for (const [input] of (formMatch[1] ?? '').matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input, 'name');
    if (name !== undefined) fields[name] = attribute(input, 'value') ?? '';
  }
  return {
    action: attribute(formTag, 'action') ?? '',
    method: (attribute(formTag, 'method') ?? 'get').toLowerCase(),
    fields,
  };
}
