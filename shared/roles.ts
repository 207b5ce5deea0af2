/** Staff roles. Roles are per organisation, and one person may hold several. */
export const STAFF_ROLES = [
  'officer', // พนักงาน: works the cases of their division
  'division_head', // ผู้อำนวยการกอง: assigns within the division
  'clerk_office', // สำนักปลัด: triage of everything that is not corruption
  'integrity_officer', // ผู้รับผิดชอบเรื่องร้องเรียนการทุจริต: corruption cases only
  'executive', // นายก / ปลัด: read-only dashboards
  'admin', // settings
  'paper_entry', // types in paper survey forms, in batches a second person confirms (granted by an admin)
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
