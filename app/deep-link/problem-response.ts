import { escapeHtml } from '../_lib/html';
import { toErrorBody } from '../_lib/http-errors';

/** A small HTML page for a failed picker form post: the person sees words, never a stack. */
export function problemResponse(error: unknown): Response {
  const { status, body } = toErrorBody(error);
  const message = escapeHtml(body.message);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inkwell</title>
<style>body{font:1rem/1.6 system-ui,sans-serif;color:#1f2933;margin:3rem auto;max-width:36rem;padding:0 1rem}</style></head>
<body><main><h1>The assignment was not added</h1><p role="alert">${message}</p></main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
