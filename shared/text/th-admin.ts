/** Thai strings of onboarding and the admin console (issue 14). */
export const thAdmin = {
  org: {
    slugTaken: (slug: string) => `slug: "${slug}" มีองค์กรอื่นใช้แล้ว เลือกชื่ออื่น`,
    badToken:
      'LINE ไม่ยอมรับ Channel access token นี้ (ตรวจที่ LINE Developers > Messaging API > Channel access token) ยังไม่ได้สร้างอะไร',
    lineUnreachable: (detail: string) =>
      `ติดต่อ LINE เพื่อตรวจสอบข้อมูลไม่ได้ (${detail}) ยังไม่ได้สร้างอะไร ลองใหม่อีกครั้ง`,
    created: (name: string, slug: string) => `สร้างองค์กร ${name} (${slug}) แล้ว`,
    bot: (displayName: string, basicId: string) => `บัญชี LINE: ${displayName} (${basicId})`,
    webhook: (url: string) =>
      `Webhook URL (วางใน LINE Developers > Messaging API > Webhook settings แล้วเปิด Use webhook): ${url}`,
    richMenu: 'ติดตั้งเมนูหลัก (rich menu) ในบัญชี LINE แล้ว',
    richMenuFailed: (detail: string) =>
      `ติดตั้งเมนูหลักไม่สำเร็จ (${detail}): สั่งใหม่ได้ด้วย npm run line:richmenu -- --org <slug>`,
    template: (d: { divisions: number; categories: number; faq: number; services: number }) =>
      `คัดลอกแม่แบบ: ${d.divisions} กอง, ${d.categories} ประเภทเรื่อง, ${d.services} งานบริการ, คำถามที่พบบ่อย ${d.faq} ข้อ, แบบสำรวจและรอบสำรวจ, วันหยุดราชการ`,
    invite: (code: string, until: string) =>
      `รหัสเชิญผู้ดูแลระบบคนแรก: ${code} (ใช้ได้ครั้งเดียว ถึง ${until})`,
    inviteHow: 'ให้ผู้ดูแลส่งรหัสนี้เป็นข้อความในแชต LINE ขององค์กร หรือสแกน QR',
    qrWritten: (file: string) => `QR ของลิงก์เชิญบันทึกไว้ที่ ${file}`,
    noSuchOrg: (slug: string) => `ไม่พบองค์กร slug "${slug}"`,
    disabled: (slug: string) =>
      `ปิดองค์กร ${slug} แล้ว: webhook ตอบ 404 ข้อมูลทั้งหมดยังอยู่ (เปิดคืนด้วย org enable)`,
    enabled: (slug: string) => `เปิดองค์กร ${slug} อีกครั้งแล้ว`,
    rotated: (slug: string) =>
      `เปลี่ยน channel secret/access token ของ ${slug} แล้ว (ตรวจกับ LINE แล้ว)`,
    listHeader: 'slug\tชื่อ\tLINE\tสถานะ\tสร้างเมื่อ',
    active: 'ใช้งาน',
    off: 'ปิดอยู่',
    operatorCreated: (name: string) =>
      `สร้างผู้ดูแลระดับระบบ (operator) ${name} แล้ว โทเค็น (แสดงครั้งเดียว):`,
  },
  api: {
    notFound: 'ไม่พบรายการ',
    unauthorized: 'กรุณาเข้าสู่ระบบผ่าน LINE ใหม่',
    unavailable: 'ติดต่อ LINE ไม่ได้ชั่วคราว ลองใหม่อีกครั้ง',
    adminOnly: 'เฉพาะผู้ดูแลระบบขององค์กรนี้เท่านั้น',
    idMismatch: 'รหัสในข้อมูลไม่ตรงกับรายการที่แก้',
    noDivision: 'ไม่พบกองนี้ในองค์กร',
    notYourself: 'ปิดบัญชีของตนเองไม่ได้',
    codeTaken: 'รหัสนี้มีอยู่แล้วในองค์กร',
    keepOwnAdmin: 'นำบทบาทผู้ดูแลระบบออกจากบัญชีของตนเองไม่ได้ (ให้ผู้ดูแลคนอื่นทำ)',
    divisionRequired: 'บทบาทเจ้าหน้าที่และผู้อำนวยการกองต้องมีกองสังกัด',
    logoTooBig: (kb: number) => `โลโก้ใหญ่เกินไป (ไม่เกินประมาณ ${kb} KB) ย่อรูปให้เล็กลงแล้วลองใหม่`,
    holidayNotFound: 'ไม่พบวันหยุดนี้ในวันหยุดขององค์กร (วันหยุดราชการทั่วประเทศลบไม่ได้)',
  },
  console: {
    link: 'ตั้งค่าองค์กร',
    title: 'ตั้งค่าองค์กร (ผู้ดูแลระบบ)',
    back: 'กลับหน้าหลัก',
    guide: 'คู่มือการใช้งาน',
    faqTitle: 'คำถามที่พบบ่อย',
    question: 'คำถาม',
    variants: 'คำถามแบบอื่น (บรรทัดละหนึ่ง)',
    answer: 'คำตอบ',
    save: 'บันทึก',
    saved: 'บันทึกแล้ว',
    tryTitle: 'ลองถามดู',
    tryPlaceholder: 'พิมพ์คำถามแบบที่ประชาชนพิมพ์',
    tryButton: 'ลองถาม',
    tryAnswer: (q: string, pct: number) => `ตอบด้วยข้อ "${q}" ความมั่นใจ ${pct}%`,
    trySuggest: (list: string) => `ไม่มั่นใจพอจะตอบทันที จะเสนอให้เลือก: ${list}`,
    tryNone: 'ไม่มีข้อใดตรง',
    residentSees: 'ประชาชนจะเห็น:',
    categoriesTitle: 'ประเภทเรื่องและกำหนดเวลา',
    category: 'ประเภท',
    division: 'กองที่รับผิดชอบ',
    finishDays: 'วันทำการ',
    keywords: 'คำที่ประชาชนใช้ (คั่นด้วย ,)',
    inviteTitle: 'เชิญเจ้าหน้าที่',
    role: 'บทบาท',
    roles: {
      officer: 'เจ้าหน้าที่',
      division_head: 'ผู้อำนวยการกอง',
      clerk_office: 'สำนักปลัด',
      executive: 'ผู้บริหาร',
      integrity_officer: 'ผู้รับเรื่องทุจริต',
      admin: 'ผู้ดูแลระบบ',
    },
    divisionCode: 'รหัสกอง (เช่น works)',
    name: 'ชื่อ',
    invite: 'สร้างรหัสเชิญ',
    inviteCode: 'รหัสเชิญ',
    until: 'ใช้ได้ถึง',
    tabs: {
      faq: 'คำถามและประเภทเรื่อง',
      profile: 'ข้อมูลองค์กร',
      staff: 'กองและเจ้าหน้าที่',
      holidays: 'วันหยุด',
    },
    profile: {
      title: 'ข้อมูลองค์กร',
      names: 'ชื่อและที่ตั้ง',
      name: 'ชื่อองค์กร',
      orgType: 'ประเภท (เช่น เทศบาลตำบล)',
      province: 'จังหวัด',
      contact: 'ช่องทางติดต่อ',
      phone: 'โทรศัพท์',
      address: 'ที่อยู่',
      officeHours: 'เวลาทำการ',
      lineBasicId: 'LINE ID ขององค์กร (เช่น @abc1234)',
      website: 'เว็บไซต์ (https://…)',
      logo: 'โลโก้',
      logoPick: 'เลือกรูปโลโก้ (PNG, JPEG หรือ SVG)',
      logoHint: 'รูปจะถูกย่อให้ไม่เกิน 256×256 จุดก่อนบันทึก ใช้ในรายงานและหน้าสาธารณะ',
      logoRemove: 'ลบโลโก้',
      logoReady: 'เลือกรูปแล้ว กด "บันทึก" เพื่อใช้',
      logoRemoved: 'จะลบโลโก้เมื่อกด "บันทึก"',
      logoNotImage: 'ไฟล์นี้ไม่ใช่รูป PNG, JPEG หรือ SVG',
      logoUnreadable: 'เปิดรูปนี้ไม่ได้ ลองบันทึกเป็น PNG แล้วเลือกใหม่',
      noLogo: 'ยังไม่มีโลโก้',
      signatories: 'ผู้ลงนามในรายงานผลการดำเนินงาน',
      signatoriesHint: 'ชื่อและตำแหน่งตามที่จะพิมพ์ท้ายรายงาน ช่องที่เว้นว่างจะพิมพ์เป็นเส้นให้เซ็น',
      preparer: 'ผู้จัดทำรายงาน',
      permanentSecretary: 'ปลัด',
      executive: 'ผู้บริหาร (นายก)',
      signName: 'ชื่อ-สกุล',
      signPosition: 'ตำแหน่ง',
      preview: 'ตัวอย่างที่ประชาชนเห็น',
      previewPage: 'บนหน้าเว็บช่องทางติดต่อ',
      previewLine: 'ในแชต LINE เมื่อกด "ติดต่อ" (หลังบันทึก)',
      openPublic: 'เปิดหน้าช่องทางติดต่อสาธารณะ',
    },
    staff: {
      divisionsTitle: 'กองและสำนัก',
      code: 'รหัสกอง',
      divisionName: 'ชื่อกอง',
      members: 'เจ้าหน้าที่',
      addDivision: 'เพิ่มกอง',
      rename: 'เปลี่ยนชื่อ',
      staffTitle: 'เจ้าหน้าที่และบทบาท',
      noDivision: '— ไม่สังกัดกอง —',
      position: 'ตำแหน่ง',
      inactive: 'ปิดใช้งานแล้ว',
      notLinked: 'ยังไม่เชื่อม LINE',
      deactivate: 'ปิดใช้งาน',
      activate: 'เปิดใช้งานอีกครั้ง',
      confirmDeactivate: (name: string) =>
        `ปิดใช้งานบัญชี ${name}? ประวัติยังอยู่ แต่จะเข้าคอนโซลและรับแจ้งเตือนไม่ได้ทันที`,
    },
    holidays: {
      title: 'วันหยุดขององค์กร',
      hint: 'วันหยุดราชการทั่วประเทศมีอยู่แล้ว ที่นี่คือวันหยุดพิเศษ เช่น วันหยุดตามมติ ครม. หรืองานประเพณีท้องถิ่น เมื่อเพิ่มหรือลบ กำหนดเวลาของเรื่องที่กำลังดำเนินการจะเลื่อนตาม และบันทึกในประวัติของแต่ละเรื่อง',
      day: 'วันที่',
      name: 'ชื่อวันหยุด',
      add: 'เพิ่มวันหยุด',
      remove: 'ลบ',
      none: 'ยังไม่มีวันหยุดพิเศษ',
      moved: (n: number) =>
        n ? `บันทึกแล้ว เลื่อนกำหนดเวลา ${n} เรื่อง` : 'บันทึกแล้ว ไม่มีเรื่องที่ต้องเลื่อนกำหนด',
      confirmRemove: (name: string) => `ลบวันหยุด "${name}"? กำหนดเวลาของเรื่องที่กำลังดำเนินการจะเลื่อนกลับ`,
    },
  },
  holidays: {
    /** The timeline entry of a case whose deadlines a changed day off moved. */
    moved: (m: {
      accept: string | null;
      finish: string | null;
      added: boolean;
      name: string;
      day: string;
    }) =>
      `เลื่อน${[m.accept && `กำหนดรับเรื่องเป็น ${m.accept}`, m.finish && `กำหนดเสร็จเป็น ${m.finish}`]
        .filter(Boolean)
        .join(' และ')} เพราะ${m.added ? 'เพิ่ม' : 'ยกเลิก'}วันหยุด "${m.name}" (${m.day})`,
  },
  faq: {
    suggestPreview: 'หมายถึงเรื่องใดคะ เลือกได้จากปุ่มด้านล่าง',
    nonePreview: 'ยังไม่มีคำตอบสำเร็จรูป ระบบจะเสนอให้ส่งคำถามถึงเจ้าหน้าที่',
  },
} as const;
