/**
 * Fills a message template's named placeholders ({code}, {org}, …). Kept apart from the
 * template definitions (templates.ts) so the console bundle can preview without zod or the
 * whole catalogue. One pass: a value that itself contains "{x}" is not filled again.
 */
export const PLACEHOLDER = /\{([a-z]+)\}/g;

export function fillTemplate(
  text: string,
  values: Partial<Record<string, string | number>>,
): string {
  return text.replace(PLACEHOLDER, (all, name: string) =>
    values[name] === undefined ? all : String(values[name]),
  );
}

/** The placeholder names a text uses, each once, in order. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * What a resident reads when staff act on their case: a reply, an explanation, a forward to
 * another division, or (every other action) the new state. The console's preview uses it too.
 */
export function residentNotice(
  texts: Record<'reply' | 'explanation' | 'forwarded' | 'stateChanged', string>,
  action: string,
  v: { code: string; note: string; division?: string; state: string },
): string {
  const key =
    action === 'reply'
      ? 'reply'
      : action === 'explain'
        ? 'explanation'
        : action === 'forward'
          ? 'forwarded'
          : 'stateChanged';
  return fillTemplate(texts[key], v);
}
