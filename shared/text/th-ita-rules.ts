/** Thai words of the ITA per-tool threshold rule (decision 039). */
export const itaRules = {
  /** "EIT ต่ำกว่า 85 จึงได้ระดับ B" */
  capReason: (tools: string[], threshold: number, grade: string) =>
    `${tools.join(' และ ')} ต่ำกว่า ${threshold} จึงได้ระดับ ${grade}`,
  /** Text-table line for a capped year. */
  capLine: (year: string, reason: string, uncapped: string) =>
    `${year}: ${reason} (ตามคะแนนรวมจะได้ระดับ ${uncapped})`,
  noThreshold: (year: string) => `${year}: ปีนี้ไม่มีเกณฑ์ขั้นต่ำรายเครื่องมือ`,
} as const;
