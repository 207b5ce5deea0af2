/**
 * The survey's words: the LIFF survey page, the invitation after a finished case, the QR
 * poster. The page imports this file alone (not th.ts), so the bundle carries only these.
 */
export const survey = {
  pageTitle: 'ประเมินความพึงพอใจ',
  loading: 'กำลังโหลดแบบประเมิน…',
  loadFailed: 'โหลดแบบประเมินไม่สำเร็จ ตรวจสอบอินเทอร์เน็ตแล้วลองอีกครั้ง',
  retry: 'ลองอีกครั้ง',
  start: 'เริ่มทำแบบประเมิน',
  next: 'ถัดไป',
  back: 'ย้อนกลับ',
  skip: 'ข้าม',
  send: 'ส่งคำตอบ',
  progress: (n: number, total: number) => `ข้อ ${n} จาก ${total}`,
  optional: 'ไม่บังคับตอบ',
  chooseOne: 'เลือก 1 คำตอบ',
  chooseMany: 'เลือกได้หลายข้อ',
  textPlaceholder: 'พิมพ์ที่นี่',
  reviewTitle: 'ตรวจสอบก่อนส่ง',
  reviewHint: 'แตะข้อที่ต้องการแก้ไข',
  notAnswered: '(ไม่ได้ตอบ)',
  sending: 'กำลังส่งคำตอบ…',
  thanksTitle: 'ขอบคุณที่ตอบแบบประเมิน',
  thanksBody: 'คำตอบของท่านช่วยให้หน่วยงานปรับปรุงการให้บริการ',
  alreadyTitle: 'ท่านตอบแบบประเมินนี้แล้ว',
  alreadyBody: 'ในรอบการประเมินนี้ ท่านตอบเรื่องนี้ไปแล้ว ระบบนับคำตอบ 1 ครั้งต่อท่าน',
  roundClosedTitle: 'ปิดรับคำตอบแล้ว',
  roundClosedBody: 'รอบการประเมินนี้ปิดรับคำตอบแล้ว ขอบคุณที่สนใจ',
  offlineTitle: 'ยังส่งคำตอบไม่ได้',
  offlineBody: 'ไม่สามารถเชื่อมต่อได้ในขณะนี้ คำตอบของท่านถูกเก็บไว้ในเครื่องแล้ว ระบบจะส่งให้อัตโนมัติเมื่อกลับมาออนไลน์',
  rejectedTitle: 'ส่งคำตอบไม่สำเร็จ',
  rejectedBody: 'แบบประเมินมีการเปลี่ยนแปลง กรุณาเริ่มทำใหม่อีกครั้ง',
  authFailed: 'ยืนยันตัวตนกับ LINE ไม่สำเร็จ กรุณาเปิดแบบประเมินจาก LINE อีกครั้ง',
  restart: 'เริ่มใหม่',
  close: 'ปิด',
  privacy:
    'คำตอบไม่ผูกกับบัญชี LINE ของท่าน ระบบใช้บัญชีเพียงเพื่อนับว่าแต่ละท่านตอบครั้งเดียว ' +
    '(ตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562)',
  point: (name: string) => `จุดบริการ: ${name}`,
  invitation: (trackingCode: string) =>
    `เรื่อง ${trackingCode} ของท่านดำเนินการเสร็จแล้ว ` +
    'รบกวนประเมินความพึงพอใจต่อการให้บริการ ใช้เวลาไม่ถึง 1 นาที คำตอบไม่ระบุตัวตน',
  invitationButton: 'ทำแบบประเมิน',
  invitationAlt: 'ประเมินความพึงพอใจต่อการให้บริการ',
  poster: {
    heading: 'ประเมินความพึงพอใจต่อการให้บริการ',
    scan: 'สแกน QR Code ด้วย LINE เพื่อประเมิน ใช้เวลาไม่ถึง 1 นาที',
    anonymous: 'ไม่ระบุตัวตน · 1 ท่าน ตอบ 1 ครั้งต่อรอบการประเมิน',
    thanks: 'ขอบคุณที่ช่วยให้เราปรับปรุงการให้บริการ',
  },
  errors: {
    noSurvey: 'ยังไม่มีแบบประเมินที่เผยแพร่',
    unknownPoint: 'ไม่พบจุดบริการนี้',
    badToken: 'ยืนยันตัวตนไม่สำเร็จ',
    wrongVersion: 'ฉบับของแบบประเมินไม่ตรงกัน',
    invalidAnswers: 'คำตอบไม่ครบหรือไม่ถูกต้อง',
    notYourInvitation: 'คำเชิญนี้ไม่ใช่ของท่าน',
    lineUnavailable: 'ติดต่อ LINE ไม่ได้ชั่วคราว',
    notStaff: 'บัญชี LINE นี้ไม่ได้ผูกกับเจ้าหน้าที่ของหน่วยงาน',
    forbidden: 'ท่านไม่มีสิทธิ์ทำรายการนี้',
    unknownRound: 'ไม่พบรอบการประเมินนี้',
  },
} as const;
