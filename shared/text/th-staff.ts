import type { CaseKind } from '../cases';
import type { StaffRole } from '../roles';

/** The staff workflow's words: invites, alerts, resident notifications, digests, the console. */
export const staff = {
  roles: {
    officer: 'เจ้าหน้าที่',
    division_head: 'ผู้อำนวยการกอง',
    clerk_office: 'สำนักปลัด',
    integrity_officer: 'ผู้รับผิดชอบเรื่องร้องเรียนการทุจริต',
    executive: 'ผู้บริหาร',
    admin: 'ผู้ดูแลระบบ',
  } satisfies Record<StaffRole, string>,
  kinds: {
    question: 'สอบถาม',
    service_request: 'แจ้งเหตุ/ขอรับบริการ',
    complaint: 'ร้องเรียน',
    corruption: 'ร้องเรียนการทุจริต',
  } satisfies Record<CaseKind, string>,
  invite: {
    linked: (name: string, role: string, orgName: string) =>
      `ลงทะเบียนเจ้าหน้าที่เรียบร้อยแล้วค่ะ ${name} (${role}) ${orgName} ` +
      'ท่านจะได้รับการแจ้งเตือนเรื่องใหม่ทาง LINE นี้',
    invalid: 'รหัสเชิญไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว โปรดขอรหัสใหม่จากผู้ดูแลระบบ',
    newStaffName: 'เจ้าหน้าที่ใหม่',
  },
  alert: {
    newCase: (kind: string) => `เรื่องใหม่: ${kind}`,
    altText: (kind: string, code: string) => `เรื่องใหม่ (${kind}) ${code}`,
    code: 'รหัสเรื่อง',
    category: 'ประเภท',
    filedAt: 'วันที่รับ',
    dueAt: 'กำหนดเสร็จ',
    location: 'สถานที่',
    accept: 'รับเรื่อง',
    assign: 'มอบหมาย',
    open: 'เปิดดู',
    accepted: (code: string) => `รับเรื่อง ${code} แล้ว สถานะ: กำลังดำเนินการ`,
    alreadyTaken: (code: string, state: string) => `เรื่อง ${code} อยู่ในสถานะ "${state}" แล้ว`,
    notAllowed: 'ท่านไม่มีสิทธิ์ดำเนินการกับเรื่องนี้',
    acceptNote: 'รับเรื่องผ่านการแจ้งเตือนใน LINE',
    assignHint: (url: string) => `เลือกผู้รับผิดชอบได้ในหน้าจัดการเรื่อง: ${url}`,
    digestInstead: (n: number) =>
      `โควตาข้อความของเดือนนี้ใกล้หมด ระบบจึงส่งสรุปแทนการแจ้งทีละเรื่อง: เรื่องใหม่ ${n} เรื่อง ดูได้ในหน้าจัดการเรื่อง`,
  },
  /** What the resident reads when staff act on their case. */
  resident: {
    stateChanged: (code: string, label: string, note: string) =>
      `ความคืบหน้าเรื่อง ${code}\nสถานะ: ${label}\n${note}`,
    reply: (code: string, note: string) => `ข้อความจากเจ้าหน้าที่ เรื่อง ${code}\n${note}`,
    explanation: (code: string, note: string) =>
      `เรื่อง ${code} ยังดำเนินการไม่แล้วเสร็จภายใน 15 วัน เจ้าหน้าที่ขอชี้แจงเหตุผลดังนี้\n${note}`,
    forwarded: (code: string, division: string, note: string) =>
      `เรื่อง ${code} ถูกส่งต่อไปยัง${division}\n${note}`,
  },
  sla: {
    reminder: (code: string, due: string) => `เตือน: เรื่อง ${code} เกินกำหนด (${due}) โปรดดำเนินการ`,
    toHead: (code: string, due: string, who: string) =>
      `เรื่อง ${code} เกินกำหนด (${due}) ผู้รับผิดชอบ: ${who} โปรดติดตาม`,
    toClerk: (code: string, due: string, division: string) =>
      `เรื่อง ${code} ของ${division} เกินกำหนด (${due}) และยังไม่เสร็จ โปรดติดตาม`,
    explainRequest: (code: string) =>
      `เรื่อง ${code} ครบ 15 วันแล้วยังไม่เสร็จ โปรดส่งคำชี้แจงถึงผู้ร้องในหน้าจัดการเรื่อง`,
    unassigned: 'ยังไม่มีผู้รับผิดชอบ',
  },
  digest: {
    daily: (
      division: string,
      date: string,
      n: { new: number; overdue: number; dueToday: number },
    ) =>
      `สรุปเรื่องประจำวัน ${date} ${division}\nเรื่องใหม่ ${n.new} · เกินกำหนด ${n.overdue} · ครบกำหนดวันนี้ ${n.dueToday}`,
    weekly: (
      org: string,
      from: string,
      to: string,
      n: { filed: number; finished: number; open: number; overdue: number },
    ) =>
      `สรุปประจำสัปดาห์ ${org} (${from} – ${to})\nรับเรื่อง ${n.filed} · เสร็จสิ้น ${n.finished} · ค้างดำเนินการ ${n.open} · เกินกำหนด ${n.overdue}`,
  },
  notes: {
    assigned: (name: string) => `มอบหมายให้ ${name}`,
    escalated: (level: number) => `แจ้งเตือนเกินกำหนด ระดับ ${level}`,
    explanationRequested: 'ครบ 15 วัน: ขอให้เจ้าหน้าที่ชี้แจงผู้ร้อง',
  },
  /** A resident reopening a finished case ("not done yet"). */
  reopen: {
    button: 'ยังไม่เรียบร้อย',
    note: 'ผู้แจ้งแจ้งว่ายังไม่เรียบร้อย ขอเปิดเรื่องใหม่',
    done: (code: string) => `เปิดเรื่อง ${code} ใหม่แล้วค่ะ เจ้าหน้าที่จะดำเนินการต่อและแจ้งความคืบหน้าให้ทราบ`,
    windowClosed: 'เรื่องนี้ปิดไปนานเกินกว่าจะเปิดใหม่ได้ โปรดแจ้งเป็นเรื่องใหม่ค่ะ',
    notFinished: 'เรื่องนี้ยังไม่ได้ปิด เจ้าหน้าที่กำลังดำเนินการอยู่ค่ะ',
    staffNotice: (code: string, n: number) => `ผู้แจ้งขอเปิดเรื่อง ${code} ใหม่ (ครั้งที่ ${n})`,
  },
  /** The staff console (liff-app/console.html). */
  console: {
    title: 'จัดการเรื่องร้องเรียน',
    loading: 'กำลังโหลด…',
    pickStaff: 'เลือกเจ้าหน้าที่ (โหมดจำลอง)',
    pickStaffHint: 'โหมดจำลอง: เลือกว่าจะเข้าใช้เป็นเจ้าหน้าที่คนใด',
    scope: 'แสดง',
    scopes: { all: 'ทั้งหมดที่เห็นได้', mine: 'เรื่องของฉัน', division: 'กองของฉัน' },
    state: 'สถานะ',
    anyState: 'ทุกสถานะ',
    openStates: 'ยังไม่ปิด',
    overdue: 'เกินกำหนด',
    category: 'ประเภท (รหัส)',
    from: 'ตั้งแต่',
    to: 'ถึง',
    filter: 'กรอง',
    empty: 'ไม่มีเรื่องตามเงื่อนไขนี้',
    due: 'กำหนดเสร็จ',
    back: 'กลับไปรายการ',
    details: 'รายละเอียด',
    concerning: 'เรื่องที่ร้องเรียน',
    map: 'เปิดแผนที่',
    division: 'กอง',
    assignee: 'ผู้รับผิดชอบ',
    timeline: 'ความคืบหน้า',
    system: 'ระบบ',
    resident: 'ผู้แจ้ง',
    actions: 'ดำเนินการ',
    note: 'บันทึก (จำเป็น)',
    notePlaceholder: 'เช่น ออกตรวจพื้นที่แล้ว',
    photos: 'แนบรูป (ไม่เกิน 3 รูป)',
    changeState: 'เปลี่ยนสถานะ',
    save: 'บันทึก',
    accept: 'รับเรื่อง',
    assign: 'มอบหมาย',
    replyToResident: 'ตอบผู้แจ้ง',
    send: 'ส่ง',
    forward: 'ส่งต่อกองอื่น',
    explain: 'ชี้แจงผู้ร้อง (เกิน 15 วัน)',
    explainDue: 'ครบ 15 วันแล้ว: โปรดส่งคำชี้แจงถึงผู้ร้อง',
    explainSent: 'ส่งคำชี้แจงแล้ว',
    done: 'บันทึกแล้ว',
    readOnly: 'ท่านดูได้อย่างเดียว',
    quotaLow:
      'โควตาข้อความ LINE ของเดือนนี้ใกล้หมด: การแจ้งเตือนเรื่องใหม่ถูกส่งเป็นสรุปแทน โปรดตรวจรายการนี้เป็นประจำ',
    failed: 'ทำรายการไม่สำเร็จ',
    alertHeld: 'ยังไม่ได้แจ้งเตือน (โควตา)',
    reopenCount: (n: number) => `เปิดใหม่ ${n} ครั้ง`,
  },
  api: {
    unauthorized: 'โปรดเข้าสู่ระบบผ่าน LINE',
    notStaff: 'บัญชี LINE นี้ยังไม่ได้ลงทะเบียนเป็นเจ้าหน้าที่',
    forbidden: 'ท่านไม่มีสิทธิ์ในส่วนนี้',
    notFound: 'ไม่พบเรื่องนี้',
    noteRequired: 'โปรดระบุบันทึกทุกครั้งที่เปลี่ยนสถานะ',
    notAllowed: 'เปลี่ยนสถานะแบบนี้ไม่ได้',
    sameState: 'เรื่องอยู่ในสถานะนี้แล้ว',
    sameDivision: 'เรื่องอยู่ในกองนี้แล้ว',
    reopenWindowClosed: 'พ้นระยะเวลาที่เปิดเรื่องใหม่ได้แล้ว',
    badStaff: 'ไม่พบเจ้าหน้าที่ผู้นี้ในกอง',
    badDivision: 'ไม่พบกองนี้',
    invalidBody: 'รูปแบบข้อมูลไม่ถูกต้อง',
    tooLarge: 'รูปภาพใหญ่เกินกำหนด (ไม่เกิน 5 MB)',
    lineUnavailable: 'ตรวจสอบการเข้าสู่ระบบกับ LINE ไม่ได้ชั่วคราว โปรดลองอีกครั้ง',
  },
} as const;
