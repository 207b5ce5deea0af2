import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../roles';
import { can, canAssignTo, queueScope, type Actor, type CaseScope } from './permissions';

const ORG = 'org-1';
const actor = (id: string, role: StaffRole, divisionId: string | null = null): Actor => ({
  staffId: id,
  orgId: ORG,
  divisionId,
  roles: [{ role, divisionId }],
});
const works: CaseScope = {
  orgId: ORG,
  kind: 'service_request',
  divisionId: 'works',
  assigneeId: null,
};
const corruption: CaseScope = {
  orgId: ORG,
  kind: 'corruption',
  divisionId: null,
  assigneeId: null,
};

describe('case permissions', () => {
  it('corruption cases: integrity officers only, whatever else a person holds', () => {
    const boss: Actor = {
      staffId: 'p',
      orgId: ORG,
      divisionId: 'clerk',
      roles: [
        { role: 'executive', divisionId: null },
        { role: 'clerk_office', divisionId: null },
        { role: 'admin', divisionId: null },
      ],
    };
    expect(can(boss, 'read', corruption)).toBe(false);
    expect(can(actor('i', 'integrity_officer'), 'work', corruption)).toBe(true);
    expect(queueScope(boss).corruption).toBe(false);
  });

  it('another organisation sees nothing', () => {
    const other = { ...actor('x', 'clerk_office'), orgId: 'org-2' };
    expect(can(other, 'read', works)).toBe(false);
  });

  it('officers work their division and assign only themselves; heads assign within it', () => {
    const officer = actor('o', 'officer', 'works');
    const head = actor('h', 'division_head', 'works');
    const healthOfficer = actor('q', 'officer', 'health');
    expect(can(officer, 'work', works)).toBe(true);
    expect(can(officer, 'forward', works)).toBe(false);
    expect(canAssignTo(officer, works, officer)).toBe(true);
    expect(canAssignTo(officer, works, head)).toBe(false);
    expect(canAssignTo(head, works, officer)).toBe(true);
    expect(canAssignTo(head, works, healthOfficer)).toBe(false);
    expect(can(healthOfficer, 'read', works)).toBe(false);
    // …unless the case is assigned to them.
    expect(can(healthOfficer, 'work', { ...works, assigneeId: 'q' })).toBe(true);
  });

  it('corruption cases are assigned only to integrity officers', () => {
    const io = actor('i', 'integrity_officer');
    expect(canAssignTo(io, corruption, actor('j', 'integrity_officer'))).toBe(true);
    expect(canAssignTo(io, corruption, actor('c', 'clerk_office'))).toBe(false);
  });

  it('executives read, never act; admins neither', () => {
    expect(can(actor('e', 'executive'), 'read', works)).toBe(true);
    expect(can(actor('e', 'executive'), 'work', works)).toBe(false);
    expect(can(actor('a', 'admin'), 'read', works)).toBe(false);
  });
});
