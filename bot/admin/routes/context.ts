import type { Context } from 'hono';
import type { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import { issuesOf } from '../../../shared/admin/schemas';
import type { OrgChannel } from '../../orgs';
import type { StaffActor } from '../../../db/staff';

export type AdminEnv = { Variables: { channel: OrgChannel; actor: StaffActor } };
export type AdminContext = Context<AdminEnv>;

/** The body parsed with a shared schema, or 400 `{error:{code:'bad_request', message:'<field>: <Thai reason>'}}`. */
export async function parseBody<T extends z.ZodType>(
  c: AdminContext,
  schema: T,
): Promise<z.infer<T>> {
  const r = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!r.success) {
    const [first] = issuesOf(r.error);
    throw new HTTPException(400, { message: `${first!.field}: ${first!.message}` });
  }
  return r.data;
}
