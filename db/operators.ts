import { and, eq, isNull } from 'drizzle-orm';
import { operators } from './schema';
import type { Db } from './types';

/** Deployment operators (above organisations). Tokens are stored as keyed hashes only. */
export async function insertOperator(db: Db, name: string, tokenHash: string) {
  const [row] = await db.insert(operators).values({ name, tokenHash }).returning();
  return row!;
}

export async function findActiveOperator(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ id: operators.id, name: operators.name })
    .from(operators)
    .where(and(eq(operators.tokenHash, tokenHash), isNull(operators.disabledAt)))
    .limit(1);
  return row ?? null;
}
