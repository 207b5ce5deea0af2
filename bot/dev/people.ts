/**
 * The simulator's seeded residents: fixed LINE user ids, so a demo can switch between people
 * and find each chat again after a restart. Staff come from the database (bound to simulated
 * LINE users at start, db/seed.ts bindStaffToSimulatedLine).
 */
const id = (n: number) => `U5e11de${String(n).padStart(26, '0')}`;

export const SIMULATED_RESIDENTS = [
  { userId: id(1), displayName: 'นางสมศรี ใจงาม' },
  { userId: id(2), displayName: 'นายบุญส่ง มีสุข' },
  { userId: id(3), displayName: 'นางสาวฟ้าใส วัยรุ่น' },
] as const;
