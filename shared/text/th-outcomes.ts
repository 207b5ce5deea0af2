/** Thai words of proof of fix, the resident's verdict and outcomes (issue 16). */
export const outcomes = {
  /** Why a report may be finished without an "after" photo; the code is recorded. */
  waivers: {
    not_physical: 'ไม่ใช่งานซ่อมแซมที่ถ่ายภาพได้ (เช่น ให้ข้อมูล ประสานงาน)',
    no_access: 'เข้าพื้นที่ไม่ได้',
    handled_by_other: 'หน่วยงานอื่นเป็นผู้แก้ไข',
    duplicate: 'เป็นเรื่องซ้ำกับเรื่องอื่นที่แก้ไขแล้ว',
    resident_withdrew: 'ผู้แจ้งขอยกเลิกเรื่อง',
  },
  refuse: {
    photoRequired:
      'ปิดเรื่องแจ้งปัญหาไม่ได้: ต้องแนบภาพ "หลังแก้ไข" อย่างน้อย 1 ภาพ หรือเลือกเหตุผลที่ไม่มีภาพ เรื่องยังเปิดอยู่',
    notImage: 'ไฟล์นี้ไม่ใช่ภาพ JPEG หรือ PNG จึงใช้เป็นภาพหลังแก้ไขไม่ได้ เรื่องยังเปิดอยู่',
    tooLarge: 'ภาพใหญ่เกิน 10 MB กรุณาย่อภาพแล้วส่งใหม่ เรื่องยังเปิดอยู่',
    unreadable: 'อ่านภาพนี้ไม่ได้ (ไฟล์อาจเสีย) กรุณาถ่ายใหม่ เรื่องยังเปิดอยู่',
    takenBefore: (when: string) =>
      `ภาพนี้ถ่ายเมื่อ ${when} ก่อนที่ผู้แจ้งจะแจ้งเรื่อง จึงใช้เป็นภาพหลังแก้ไขไม่ได้ เรื่องยังเปิดอยู่`,
    reused: (code: string) =>
      `ภาพนี้เคยใช้เป็นหลักฐานของเรื่อง ${code} แล้ว กรุณาถ่ายภาพใหม่ของงานนี้ เรื่องยังเปิดอยู่`,
    badWaiver: 'เหตุผลที่ไม่มีภาพไม่อยู่ในรายการ',
  },
  resident: {
    title: (code: string) => `เรื่อง ${code} แก้ไขเสร็จแล้ว`,
    before: 'ก่อน',
    after: 'หลัง',
    noPhoto: 'ไม่มีภาพ',
    waiver: (reason: string) => `ไม่มีภาพหลังแก้ไข: ${reason}`,
    question: 'แก้ไขแล้วจริงไหม?',
    fixed: 'แก้แล้ว',
    notFixed: 'ยังไม่แก้',
    partly: 'แก้บางส่วน',
    rate: 'ให้คะแนนการแก้ไข (1–5)',
    star: (n: number) => `${n} ดาว`,
    thanksFixed: (code: string) => `ขอบคุณที่ยืนยันว่าเรื่อง ${code} แก้ไขแล้ว`,
    thanksPartly: (code: string) =>
      `ขอบคุณครับ/ค่ะ บันทึกว่าเรื่อง ${code} แก้ไขแล้วบางส่วน เจ้าหน้าที่จะเห็นคำตอบนี้`,
    notFixedNote: 'ผู้แจ้งตอบว่ายังไม่ได้แก้ไข',
    rated: (code: string, n: number) => `ขอบคุณสำหรับคะแนน ${n} ดาว ของเรื่อง ${code}`,
    badRating: 'คะแนนต้องเป็น 1 ถึง 5',
    notYours: 'ไม่พบเรื่องนี้',
    notFinished: 'เรื่องนี้ยังไม่ได้ปิด จึงยังตอบไม่ได้',
    reminder: (code: string) =>
      `เรื่อง ${code} ที่แจ้งไว้ปิดไปแล้ว 7 วัน แก้ไขแล้วจริงไหม? กดตอบได้ที่ปุ่มด้านล่าง (เตือนครั้งเดียว)`,
  },
  console: {
    waiver: 'ปิดเรื่องแจ้งปัญหาโดยไม่มีภาพหลังแก้ไข เพราะ',
    withPhoto: '— แนบภาพหลังแก้ไข —',
  },
  /** The public statistics page of outcomes (/public/:org/stats/outcomes). */
  publicPage: {
    title: 'ผลการแก้ไขเรื่องที่ได้รับแจ้ง',
    intro: 'แต่ละเรื่องนับครั้งเดียวตามผลล่าสุด รวมคำยืนยันของผู้แจ้ง ไม่รวมเรื่องร้องเรียนการทุจริต (เผยแพร่แยก)',
    outcome: 'ผล',
    cases: 'จำนวนเรื่อง',
    total: 'รวม',
    onTime: 'เสร็จทันกำหนด (เฉพาะที่แก้ไขหรือปิดพร้อมเหตุผล)',
    confirmedShare: 'ผู้แจ้งยืนยันว่าแก้แล้ว (จากที่ตอบ)',
    meanRating: 'คะแนนเฉลี่ยจากผู้แจ้ง (1–5)',
  },
  /** Outcome names for the dashboard, public statistics and the report. */
  kinds: {
    fixed_confirmed: 'แก้ไขแล้ว ผู้แจ้งยืนยัน',
    fixed_unconfirmed: 'แก้ไขแล้ว ผู้แจ้งยังไม่ยืนยัน',
    partly_fixed: 'แก้ไขบางส่วน',
    not_fixed: 'ผู้แจ้งว่ายังไม่แก้ (เปิดใหม่)',
    forwarded_out: 'ไม่ใช่งานของเรา (ส่งต่อหน่วยงานอื่น)',
    not_actionable: 'ปิดโดยไม่ดำเนินการ (มีเหตุผล)',
    closed_unexplained: 'ปิดโดยไม่มีเหตุผล',
    open: 'ยังไม่เสร็จ',
  },
} as const;

export type WaiverCode = keyof typeof outcomes.waivers;
