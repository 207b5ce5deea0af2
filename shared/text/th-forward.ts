/** Thai words of forwarding a case to another agency (issue 16, decision 038). */
export const forward = {
  channels: {
    webhook: 'ระบบของหน่วยงาน (webhook)',
    email: 'อีเมล (เจ้าหน้าที่ส่งเอง)',
    exchange_api: 'ระบบแลกเปลี่ยนข้อมูล (เจ้าหน้าที่ส่งเอง)',
  },
  /** What the resident reads: who handles the case now, and when the municipality follows up. */
  resident: (code: string, agency: string, contact: string, note: string, followUp: string) =>
    `เรื่อง ${code} อยู่ในความรับผิดชอบของ${agency} เราได้ส่งต่อเรื่องให้แล้ว` +
    (contact ? `\nติดต่อ${agency}: ${contact}` : '') +
    (note ? `\n${note}` : '') +
    `\nเราจะติดตามผลกับหน่วยงานภายในวันที่ ${followUp}`,
  /** To the people working the case when the follow-up date has passed. */
  followUpDue: (code: string, agency: string, date: string) =>
    `ถึงกำหนดติดตามเรื่อง ${code} ที่ส่งต่อให้${agency} (${date}) กรุณาสอบถามผลกับหน่วยงาน แล้วรับเรื่องกลับหรือปิดเรื่อง`,
  /** The case timeline's entry. */
  timeline: (agency: string, channel: string, note: string) =>
    `ส่งต่อให้${agency} ทาง${channel}${note ? `\n${note}` : ''}`,
  /** The text the clerk copies into an e-mail (no SMTP here). */
  mail: {
    subject: (org: string, code: string) => `${org} ส่งต่อเรื่อง ${code}`,
    body: (p: {
      org: string;
      code: string;
      category: string;
      description: string;
      place: string;
      note: string;
    }) =>
      [
        `เรียน หน่วยงานที่เกี่ยวข้อง`,
        `${p.org} ได้รับแจ้งเรื่องต่อไปนี้จากประชาชน ซึ่งอยู่ในความรับผิดชอบของท่าน จึงขอส่งต่อเพื่อดำเนินการ`,
        `เลขที่เรื่อง: ${p.code}`,
        `ประเภท: ${p.category}`,
        `รายละเอียด: ${p.description || '-'}`,
        `สถานที่: ${p.place || '-'}`,
        p.note ? `หมายเหตุ: ${p.note}` : '',
        `(ไม่มีข้อมูลส่วนบุคคลของผู้แจ้ง)`,
      ]
        .filter(Boolean)
        .join('\n'),
  },
  refuse: {
    corruption: 'เรื่องร้องเรียนการทุจริตส่งต่อหน่วยงานภายนอกไม่ได้',
    confidential: 'เรื่องที่ผู้แจ้งขอปกปิดตัวตนหรือไม่ระบุชื่อ ส่งต่อหน่วยงานภายนอกไม่ได้',
    loop: (agency: string) =>
      `เรื่องนี้เคยส่งต่อให้${agency}แล้ว การส่งกลับไปซ้ำถูกบันทึกว่าเป็นการส่งวนและไม่ดำเนินการ`,
    tooMany: (n: number) =>
      `เรื่องนี้ถูกส่งต่อหน่วยงานภายนอกครบ ${n} ครั้งแล้ว ถูกบันทึกว่าเป็นการส่งวน กรุณาให้สำนักปลัดตัดสินใจ`,
    badAgency: 'ไม่พบหน่วยงานนี้ในสมุดรายชื่อ',
    closed: 'เรื่องที่ปิดแล้วส่งต่อไม่ได้',
    badAddress: {
      webhook:
        'ที่อยู่ webhook ต้องเป็น URL แบบ https:// ของเครื่องที่เปิดสู่อินเทอร์เน็ต (ไม่ใช่ localhost หรือเครือข่ายภายใน)',
      email: 'อีเมลไม่ถูกต้อง',
      exchange_api:
        'ที่อยู่ระบบแลกเปลี่ยนข้อมูลต้องเป็น URL แบบ https:// ของเครื่องที่เปิดสู่อินเทอร์เน็ต (ไม่ใช่ localhost หรือเครือข่ายภายใน)',
    },
    duplicate: 'มีหน่วยงานชื่อนี้ในสมุดรายชื่อแล้ว',
    adminOnly: 'เฉพาะผู้ดูแลระบบหรือสำนักปลัดเท่านั้นที่แก้ไขสมุดรายชื่อหน่วยงานได้',
  },
  console: {
    button: 'ส่งต่อหน่วยงานภายนอก',
    agency: 'หน่วยงาน',
    note: 'หมายเหตุถึงผู้แจ้งและหน่วยงาน',
    send: 'ส่งต่อ',
    sent: (agency: string, followUp: string) => `ส่งต่อให้${agency}แล้ว ติดตามผลภายใน ${followUp}`,
    clerkToSend: 'ระบบส่งอีเมลไม่ได้ กรุณาคัดลอกข้อความนี้ส่งเอง:',
    directory: 'สมุดรายชื่อหน่วยงานภายนอก',
    name: 'ชื่อหน่วยงาน',
    contact: 'ช่องทางติดต่อสำหรับประชาชน',
    channel: 'ช่องทางส่งเรื่อง',
    address: 'อีเมล หรือ URL',
    add: 'เพิ่มหน่วยงาน',
    none: 'ยังไม่มีหน่วยงานในสมุดรายชื่อ',
    forwards: 'การส่งต่อ',
    followUp: 'ติดตามผลภายใน',
    delivery: { sent: 'ส่งแล้ว', pending: 'กำลังส่ง', failed: 'ส่งไม่สำเร็จ', clerk: 'รอเจ้าหน้าที่ส่งเอง' },
  },
} as const;
