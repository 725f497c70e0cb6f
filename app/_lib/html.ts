/**
 * The one HTML escaper, for the few pages Inkwell writes as strings rather than React (the
 * Deep Linking auto-post, the picker's problem page, and server/pages.ts before a session exists).
 * Safe in text and in double- or single-quoted attributes.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
