import { cases } from './schema';

/** A case as stored (a service request, complaint, question or corruption complaint). */
export type CaseRow = typeof cases.$inferSelect;
