/**
 * Small server-rendered pages for moments before a session exists (a refused
 * launch, a registration endpoint not available yet). They share the look of
 * the app and never contain a stack trace or the precise reason.
 */
import { escapeHtml } from '../app/_lib/html';

export function simplePage(options: { title: string; paragraphs: string[]; reference?: string; extraHtml?: string }): string {
  const body = options.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const reference = options.reference
    ? `<p class="ref">Reference for support: <code>${escapeHtml(options.reference)}</code></p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · Inkwell</title>
<style>
  body { margin: 0; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #f7f7f5; }
  main { max-width: 40rem; margin: 3rem auto; padding: 2rem; background: #fff; border: 1px solid #d9dde3; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  .ref { color: #52606d; font-size: .9rem; }
  .button { display: inline-block; font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 2px solid #0b4f8a; background: #0b4f8a; color: #fff; text-decoration: none; cursor: pointer; }
  .button:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(options.title)}</h1>
${body}
${options.extraHtml ?? ''}
${reference}
</main>
</body>
</html>`;
}

export function launchRefusedPage(reference: string, explanation?: string, extraHtml?: string): string {
  return simplePage({
    title: 'Inkwell could not open',
    paragraphs: explanation
      ? [explanation]
      : [
          'Please open Inkwell again from your course.',
          'If this keeps happening, tell your teacher or your LMS administrator; the reference below helps them find what went wrong.',
        ],
    reference,
    extraHtml,
  });
}
