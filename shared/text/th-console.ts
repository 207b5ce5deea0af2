/**
 * The staff console's words for what a clerk means to do (issue 15): the internal note kept
 * apart from the reply to the resident, the explicit state choice, what each box sends and
 * to whom, the Thai-calendar date filters and the feedback beside each action.
 */
export const consoleText = {
  internalNote: {
    heading: 'บันทึกภายใน',
    hint: 'เห็นเฉพาะเจ้าหน้าที่ ผู้แจ้งจะไม่เห็นและไม่มีการส่งทาง LINE',
    label: 'บันทึกภายใน (จำเป็น)',
    button: 'บันทึกภายใน',
    badge: 'บันทึกภายใน · ผู้แจ้งไม่เห็น',
    saved: 'บันทึกภายในแล้ว ผู้แจ้งไม่เห็นข้อความนี้',
  },
  /** Beside every button whose text goes to the resident. */
  toResident: {
    hint: 'ข้อความนี้จะส่งถึงผู้แจ้งทาง LINE ตามที่แสดงในตัวอย่าง',
    preview: 'ตัวอย่างข้อความที่ผู้แจ้งจะได้รับ',
    emptyPreview: '(พิมพ์ข้อความเพื่อดูตัวอย่าง)',
    noResident: 'เรื่องนี้ไม่มีผู้แจ้งที่ติดต่อทาง LINE ได้ ข้อความจะบันทึกไว้ในความคืบหน้าเท่านั้น',
    badge: 'ส่งถึงผู้แจ้งแล้ว',
  },
  state: {
    heading: 'เปลี่ยนสถานะ',
    explain: 'การเปลี่ยนสถานะเป็นการดำเนินการอย่างเป็นทางการ นับในกำหนดเวลาและรายงาน',
    choose: 'สถานะใหม่',
    placeholder: '— เลือกสถานะใหม่ —',
    note: 'ข้อความถึงผู้แจ้ง (จำเป็น)',
    button: 'เปลี่ยนสถานะและแจ้งผู้แจ้ง',
    saved: (label: string) => `เปลี่ยนสถานะเป็น "${label}" และส่งข้อความถึงผู้แจ้งแล้ว`,
  },
  reply: {
    heading: 'ตอบผู้แจ้ง (ไม่เปลี่ยนสถานะ)',
    note: 'ข้อความถึงผู้แจ้ง (จำเป็น)',
    button: 'ส่งข้อความถึงผู้แจ้ง',
    sent: 'ส่งข้อความถึงผู้แจ้งแล้ว',
  },
  explain: { sent: 'ส่งคำชี้แจงถึงผู้แจ้งแล้ว' },
  forward: {
    note: 'ข้อความถึงผู้แจ้ง (จำเป็น)',
    sent: (division: string) => `ส่งต่อไปยัง${division}แล้ว และแจ้งผู้แจ้งแล้ว`,
  },
  accepted: 'รับเรื่องแล้ว และแจ้งผู้แจ้งแล้ว',
  assigned: 'มอบหมายแล้ว (ผู้แจ้งไม่ได้รับข้อความ)',
  reopened: 'เปิดเรื่องใหม่แล้ว และแจ้งผู้แจ้งแล้ว',
  /** The timeline note, and the resident's message, when a case is accepted in the console. */
  acceptNote: 'เจ้าหน้าที่รับเรื่องผ่านระบบจัดการเรื่องแล้ว',
  filters: {
    category: 'ประเภท',
    anyCategory: 'ทุกประเภท',
    division: 'กอง',
    anyDivision: 'ทุกกอง',
    datePlaceholder: 'วว/ดด/ปปปป',
    dateHint: 'วันที่แบบ พ.ศ. เช่น 02/12/2569',
    badDate: 'วันที่ต้องอยู่ในรูป วว/ดด/ปปปป ปีพุทธศักราช เช่น 02/12/2569',
  },
  card: { photo: 'รูปจากผู้แจ้ง', category: 'ประเภท' },
  /** One line under each dashboard figure, for an executive who has not read the ITA manual. */
  dashboard: {
    indicator: (n: string, name: string) => `ตัวชี้วัดที่ ${n} ${name}`,
    explain: {
      '6': 'ผู้รับบริการเห็นว่าเจ้าหน้าที่ให้บริการตามขั้นตอน ตรงเวลา และเป็นธรรมเพียงใด (เต็ม 100)',
      '7': 'ผู้รับบริการเห็นว่าหน่วยงานเผยแพร่ข้อมูลเข้าใจง่ายและมีช่องทางรับฟังเพียงใด (เต็ม 100)',
      '8': 'ผู้รับบริการเห็นว่าหน่วยงานปรับปรุงวิธีทำงานและการให้บริการให้ดีขึ้นเพียงใด (เต็ม 100)',
    } as Record<string, string>,
    eit: 'คะแนนเฉลี่ยของตัวชี้วัดที่ 6–8 จากแบบสำรวจผู้รับบริการ (เต็ม 100 เป้าหมาย 85)',
    satisfaction: 'คะแนนความพึงพอใจเฉลี่ยของผู้ตอบ แปลงเป็นเต็ม 100',
    topTwo: 'สัดส่วนผู้ตอบที่พึงพอใจระดับมากหรือมากที่สุด',
    onTime: 'สัดส่วนเรื่องที่ปิดทันกำหนดเวลา เทียบกับเรื่องที่ปิดแล้วและเรื่องที่ค้างเกินกำหนด',
  },
  picker: {
    option: (name: string, roles: string, divisions: string) =>
      divisions ? `${name} · ${roles} · ${divisions}` : `${name} · ${roles}`,
  },
} as const;
