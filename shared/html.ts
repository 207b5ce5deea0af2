/**
 * The one HTML escaper for pages written as strings (public pages, the simulator, the report,
 * the LIFF console): text for element content and quoted attribute values. Pages built with
 * hono/html escape through it already.
 */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
