/**
 * Honest counting without storing who answered: a response claims scopes (its visit or case,
 * and the person's service in the round), each stored only as a keyed hash (HMAC under a server
 * secret) of the organisation, the LINE user id and the scope. A second answer in any of its
 * scopes is refused; the hashes can't be turned back into user ids or guessed without the key.
 */
export type DedupeContext = {
  roundLabel: string;
  /** The service answered about (from the counter's QR code or the profile question). */
  serviceCode?: string | null;
  /** A finished case the person was invited about. */
  caseId?: string | null;
};

/** The scopes one response claims. Without a case or service it is one general answer per round. */
export function dedupeScopes(ctx: DedupeContext): string[] {
  const scopes: string[] = [];
  if (ctx.caseId) scopes.push(`case:${ctx.caseId}`);
  scopes.push(
    ctx.serviceCode
      ? `round:${ctx.roundLabel}:service:${ctx.serviceCode}`
      : `round:${ctx.roundLabel}:general`,
  );
  return scopes;
}

/** Hashes every scope with the person, through the server's keyed hash (SecretBox.hash). */
export async function dedupeKeys(
  hash: (...parts: string[]) => Promise<string>,
  orgId: string,
  lineUserId: string,
  scopes: string[],
): Promise<string[]> {
  if (!lineUserId) throw new Error('dedupe needs the verified LINE user id');
  return Promise.all(scopes.map((s) => hash('survey', orgId, lineUserId, s)));
}
