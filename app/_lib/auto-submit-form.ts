/**
 * An HTML page that posts one form to another site as soon as it loads, with
 * a button for browsers that block scripts. Used to hand a Deep Linking
 * response (a signed JWT) back to the LMS. Its one script carries the
 * request's Content-Security-Policy nonce (server/security-headers.ts).
 */
import { escapeHtml } from './html';

/** The script nonce the custom server chose for this request (it overwrites the header on every request). */
export function scriptNonceOf(request: Request): string {
  return request.headers.get('x-inkwell-csp-nonce') ?? '';
}

export function autoSubmitFormPage(request: Request, action: string, fields: Record<string, string>, title: string): Response {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:1rem/1.6 system-ui,sans-serif;color:#1f2933;margin:3rem auto;max-width:36rem;padding:0 1rem}button{font:inherit;padding:.6rem 1.1rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>Returning to your course…</p>
<form id="return" method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">Continue</button></form></main>
<script nonce="${escapeHtml(scriptNonceOf(request))}">document.getElementById('return').submit();</script></body></html>`;
  return new Response(html, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
