/**
 * Who may see and do what with a case. Pure, so the permission matrix is tested without
 * a database and every API route asks the same questions.
 *
 * - Corruption cases: integrity officers only, nobody else (not the executive, not admin).
 * - Clerk's office (สำนักปลัด): every other case of the organisation; assigns and forwards.
 * - Division head: the cases of their division; assigns within it.
 * - Officer: the cases of their division; works them but assigns only to themselves.
 * - Executive: reads cases (read-only); admin: settings only, no cases.
 */
import type { CaseKind } from '../cases';
import type { StaffRole } from '../roles';

export interface RoleGrant {
  role: StaffRole;
  /** The division a role is scoped to (officer, division head); null = the staff's own division. */
  divisionId: string | null;
}

export interface Actor {
  staffId: string;
  orgId: string;
  /** The staff record's division. */
  divisionId: string | null;
  roles: readonly RoleGrant[];
}

export interface CaseScope {
  orgId: string;
  kind: CaseKind;
  divisionId: string | null;
  assigneeId: string | null;
}

export type CaseOp = 'read' | 'work' | 'assign' | 'forward';

function has(actor: Actor, role: StaffRole): boolean {
  return actor.roles.some((r) => r.role === role);
}

/** The divisions in which the actor holds `role`. */
function divisionsFor(actor: Actor, role: StaffRole): string[] {
  return actor.roles
    .filter((r) => r.role === role)
    .map((r) => r.divisionId ?? actor.divisionId)
    .filter((d): d is string => !!d);
}

/** Whether the actor may perform `op` on the case. */
export function can(actor: Actor, op: CaseOp, c: CaseScope): boolean {
  if (actor.orgId !== c.orgId) return false;
  if (c.kind === 'corruption') return has(actor, 'integrity_officer');
  if (has(actor, 'clerk_office')) return true;
  const inDivision = (role: StaffRole) =>
    !!c.divisionId && divisionsFor(actor, role).includes(c.divisionId);
  if (inDivision('division_head')) return true;
  if (inDivision('officer') || (c.assigneeId !== null && c.assigneeId === actor.staffId)) {
    // Officers take cases themselves; assigning others and forwarding are for heads and the clerk.
    return op === 'read' || op === 'work';
  }
  if (op === 'read' && has(actor, 'executive')) return true;
  return false;
}

/** Whether the actor may assign the case to `target` (a staff record with their roles). */
export function canAssignTo(actor: Actor, c: CaseScope, target: Actor): boolean {
  if (target.orgId !== c.orgId) return false;
  if (c.kind === 'corruption') {
    return has(actor, 'integrity_officer') && has(target, 'integrity_officer');
  }
  if (!can(actor, 'work', c)) return false;
  if (!can(actor, 'assign', c)) return target.staffId === actor.staffId;
  return can(target, 'work', { ...c, assigneeId: null }) || has(actor, 'clerk_office');
}

/** Which cases a queue may list for the actor, as a filter the database can apply. */
export interface QueueScope {
  /** Corruption cases are listed (integrity officers). */
  corruption: boolean;
  /** Every non-corruption case (clerk's office, executive). */
  allOthers: boolean;
  /** Otherwise, non-corruption cases of these divisions, and cases assigned to the actor. */
  divisions: string[];
}

export function queueScope(actor: Actor): QueueScope {
  return {
    corruption: has(actor, 'integrity_officer'),
    allOthers: has(actor, 'clerk_office') || has(actor, 'executive'),
    divisions: [
      ...new Set([...divisionsFor(actor, 'officer'), ...divisionsFor(actor, 'division_head')]),
    ],
  };
}

/** Whether the actor has any role that works with cases at all (admins only do settings). */
export function isCaseStaff(actor: Actor): boolean {
  return actor.roles.some((r) => r.role !== 'admin');
}

/**
 * Paper survey forms (issue 12): only staff an admin granted `paper_entry` type them in; a
 * batch counts once a second, different person confirms it: another holder of `paper_entry`,
 * the clerk's office or an admin.
 */
export function canEnterPaper(actor: Actor): boolean {
  return has(actor, 'paper_entry');
}

export function canConfirmPaper(actor: Actor, batch: { enteredByStaffId: string }): boolean {
  if (batch.enteredByStaffId === actor.staffId) return false;
  return has(actor, 'paper_entry') || has(actor, 'clerk_office') || has(actor, 'admin');
}
