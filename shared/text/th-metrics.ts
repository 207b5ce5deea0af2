/** Words of the metrics, the ITA roll-up, the satisfaction report and the public statistics pages. */
export const metrics = {
  bands: { excellent: 'ผ่านดีเยี่ยม', good: 'ผ่านดี', fail: 'ไม่ผ่าน' },
  trend: { up: 'เพิ่มขึ้น', down: 'ลดลง', same: 'คงที่' },
  tools: { iit: 'IIT (ภายใน)', eit: 'EIT (ภายนอก)', oit: 'OIT (เปิดเผยข้อมูล)' },
  overall: 'คะแนนรวม ITA',
  indicators: {
    1: 'การปฏิบัติหน้าที่',
    2: 'การใช้งบประมาณ',
    3: 'การใช้อำนาจ',
    4: 'การใช้ทรัพย์สินของราชการ',
    5: 'การแก้ไขปัญหาการทุจริต',
    6: 'คุณภาพการดำเนินงาน',
    7: 'ประสิทธิภาพการสื่อสาร',
    8: 'การปรับปรุงระบบการทำงาน',
    9: 'การเปิดเผยข้อมูล',
    10: 'การป้องกันการทุจริต',
  } as Record<number, string>,
  ita: {
    title: (years: string) => `ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ${years}`,
    item: 'รายการ',
    score: 'คะแนน',
    grade: 'ระดับ',
    target: 'ผ่านเป้าหมาย (≥ 85)',
    yes: 'ผ่าน',
    no: 'ไม่ผ่าน',
    weak: 'จุดอ่อน (ต่ำกว่า 85)',
    none: 'ไม่มี',
    yoy: (a: string, b: string) => `เปรียบเทียบปี ${a} กับ ${b}`,
    points: 'ผลต่าง (คะแนน)',
    percent: 'ร้อยละของปีก่อน',
    trendCol: 'แนวโน้ม',
    indicator: (n: number) => `ตัวชี้วัดที่ ${n}`,
    missing: (year: string, list: string) => `ปี ${year}: ไม่มีคะแนนตัวชี้วัด ${list}`,
    whatIf: (ind: number, to: string, overall: string, grade: string) =>
      `ถ้าตัวชี้วัดที่ ${ind} ได้ ${to} คะแนนรวมจะเป็น ${overall} (ระดับ ${grade})`,
  },
  round: {
    label: (fy: number, half: 1 | 2) => `รอบที่ ${half}/${fy}`,
    span: (from: string, to: string) => `${from} – ${to}`,
  },
  commentThemes: {
    staff: {
      label: 'เจ้าหน้าที่และการให้บริการ',
      words: ['เจ้าหน้าที่', 'พนักงาน', 'สุภาพ', 'พูดจา', 'ยิ้ม', 'บริการดี'],
    },
    info: {
      label: 'ข้อมูลและการประชาสัมพันธ์',
      words: ['ข้อมูล', 'ประชาสัมพันธ์', 'แจ้งข่าว', 'ประกาศ', 'ชี้แจง'],
    },
    place: {
      label: 'สถานที่และสิ่งอำนวยความสะดวก',
      words: ['ที่จอด', 'สถานที่', 'ห้องน้ำ', 'ที่นั่ง', 'แอร์', 'ป้าย'],
    },
    online: { label: 'ช่องทางออนไลน์', words: ['ออนไลน์', 'line', 'ไลน์', 'เว็บ', 'แอป', 'e-service'] },
    speed: {
      label: 'ความรวดเร็วและขั้นตอน',
      words: ['ช้า', 'รอนาน', 'รอคิว', 'รอเป็น', 'นาน', 'เร็ว', 'ขั้นตอน', 'คิว'],
    },
    other: { label: 'อื่น ๆ', words: [] as string[] },
  },
  report: {
    title: 'รายงานผลการสำรวจความพึงพอใจ รอบ 6 เดือน',
    titleFull: (org: string, round: string) =>
      `รายงานผลการสำรวจความพึงพอใจในการให้บริการของ${org} ${round}`,
    period: 'ช่วงเวลา',
    generated: 'จัดทำเมื่อ',
    published: 'เผยแพร่เมื่อ',
    draft: 'ฉบับร่าง (ยังไม่เผยแพร่)',
    s1: '1. วิธีการสำรวจ',
    s2: '2. ข้อมูลทั่วไปของผู้ตอบแบบสำรวจ',
    s3: '3. ผลคะแนนรายตัวชี้วัดและรายข้อ',
    s4: '4. ความพึงพอใจรายบริการและรายหน่วยงาน',
    s5: '5. เปรียบเทียบกับรอบก่อนและรอบเดียวกันของปีก่อน',
    s6: '6. ประเด็นที่ได้คะแนนต่ำสุด',
    s7: '7. ข้อคิดเห็นและข้อเสนอแนะของผู้รับบริการ',
    s8: '8. สถิติเรื่องร้องเรียนและการให้บริการในรอบนี้',
    s9: '9. ข้อเสนอแนะเพื่อการปรับปรุง',
    respondents: 'จำนวนผู้ตอบ',
    target: 'เป้าหมายจำนวนตัวอย่าง',
    noTarget: 'ไม่ได้กำหนด',
    channel: 'ช่องทาง',
    channels: {
      counter: 'ณ จุดบริการ (QR)',
      online: 'ออนไลน์',
      line: 'LINE',
      paper: 'แบบสอบถามกระดาษ',
    } as Record<string, string>,
    count: 'จำนวน',
    percent: 'ร้อยละ',
    respondentType: 'ประเภทผู้ตอบ',
    unspecified: 'ไม่ระบุ',
    question: 'ข้อคำถาม',
    indicator: 'ตัวชี้วัด',
    score: 'คะแนน (0–100)',
    n: 'จำนวนคำตอบ',
    eit: 'คะแนน EIT (เฉลี่ยตัวชี้วัดที่ 6–8)',
    satisfaction: 'ความพึงพอใจ',
    satisfactionShare: 'ร้อยละที่พึงพอใจระดับมากขึ้นไป (สองระดับบน)',
    satisfactionMean: 'คะแนนความพึงพอใจเฉลี่ย',
    service: 'บริการ',
    division: 'หน่วยงาน',
    noData: 'ไม่มีข้อมูลในรอบนี้',
    smallSample: (n: number) => `จำนวนตัวอย่างน้อยกว่า ${n} ราย ควรใช้ผลอย่างระมัดระวัง`,
    smallMark: '*',
    round: 'รอบ',
    previous: 'รอบก่อน',
    lastYear: 'รอบเดียวกันปีก่อน',
    current: 'รอบนี้',
    change: 'ผลต่าง',
    lowestNote: 'ข้อคำถามที่ได้คะแนนต่ำสุด ควรนำไปปรับปรุงเป็นลำดับแรก',
    noComments: 'ไม่มีข้อคิดเห็นในรอบนี้',
    redactedNote: 'ข้อมูลส่วนบุคคล (ชื่อ เบอร์โทร เลขประจำตัว อีเมล บ้านเลขที่) ถูกปิดบังแล้ว',
    casesTotal: 'จำนวนเรื่องทั้งหมด',
    byCategory: 'แยกตามประเภท',
    byState: 'แยกตามสถานะ',
    byKind: 'แยกตามลักษณะเรื่อง',
    kinds: {
      question: 'สอบถาม',
      service_request: 'ขอรับบริการ/แจ้งเหตุ',
      complaint: 'ร้องเรียน',
      corruption: 'ร้องเรียนการทุจริต',
    } as Record<string, string>,
    acceptTime: 'ระยะเวลารับเรื่อง',
    finishTime: 'ระยะเวลาดำเนินการจนเสร็จ',
    /** A duration as a person says it: minutes under an hour, hours under a day, else days. */
    duration: (hours: number | null | undefined): string => {
      if (hours === null || hours === undefined) return '-';
      const one = (x: number) =>
        x.toLocaleString('th-TH', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
      if (hours < 1) return `${Math.max(1, Math.round(hours * 60)).toLocaleString('th-TH')} นาที`;
      if (hours < 24) return `${one(hours)} ชั่วโมง`;
      return `${one(hours / 24)} วัน`;
    },
    /** A difference from an earlier round, in words. */
    difference: (d: number | null): string =>
      d === null
        ? '-'
        : Math.abs(d) < 0.005
          ? 'เท่าเดิม'
          : d > 0
            ? `เพิ่มขึ้น ${d.toFixed(2)}`
            : `ลดลง ${Math.abs(d).toFixed(2)}`,
    indicatorNo: (n: string) => `ตัวชี้วัดที่ ${n}`,
    /** The workbook: Thai sheet names and headers; machine keys only on the raw sheet. */
    xlsx: {
      sheets: {
        summary: 'สรุป',
        indicators: 'ตัวชี้วัด',
        questions: 'รายข้อคำถาม',
        by_service: 'รายงานบริการ',
        by_division: 'รายกอง',
        comparison: 'เปรียบเทียบรอบ',
        profile: 'ข้อมูลผู้ตอบ',
        cases: 'เรื่องร้องเรียน',
      } as Record<string, string>,
      raw: 'ข้อมูลดิบ',
      rawHead: ['table', 'row', 'column', 'value'],
      head: {
        label: 'รายการ',
        value: 'ค่า',
        score: 'คะแนน (0–100)',
        answers: 'จำนวนคำตอบ',
        text: 'ข้อคำถาม',
        small_sample: 'ตัวอย่างน้อย (1 = ใช่)',
        service: 'งานบริการ',
        division: 'กอง',
        respondents: 'จำนวนผู้ตอบ',
        mean: 'ความพึงพอใจเฉลี่ย',
        top_two_share: 'ร้อยละที่พึงพอใจมากขึ้นไป',
        round: 'รอบ',
        eit: 'คะแนน EIT',
        satisfaction_top_two_share: 'ร้อยละที่พึงพอใจมากขึ้นไป',
        topic: 'หัวข้อ',
        count: 'จำนวน',
      } as Record<string, string>,
      closed: 'เรื่องที่ปิดแล้ว',
      closedOnTime: 'เรื่องที่เสร็จทันกำหนด',
      openOverdue: 'เรื่องค้างเกินกำหนด',
      hours: (what: string, stat: string) => `${what} (${stat}, ชั่วโมง)`,
    },
    other: 'อื่น ๆ',
    median: 'มัธยฐาน',
    p90: 'เปอร์เซ็นไทล์ที่ 90',
    onTime: 'ร้อยละของเรื่องที่เสร็จภายในเวลาที่กำหนด',
    onTimeHow: (onTime: number, closed: number, overdue: number) =>
      `เสร็จตามกำหนด ${onTime.toLocaleString('th-TH')} เรื่อง จากเรื่องที่ปิดแล้ว ${closed.toLocaleString('th-TH')} เรื่อง และเรื่องค้างเกินกำหนด ${overdue.toLocaleString('th-TH')} เรื่อง`,
    noRecommendations: 'ยังไม่ได้บันทึกข้อเสนอแนะ',
    /** How the survey was collected (the link it came through), shared/survey/source.ts. */
    sources: {
      chat_menu: 'ลิงก์จากเมนูในแชต LINE',
      counter_qr: 'คิวอาร์โค้ด ณ จุดบริการ',
      case_invitation: 'คำเชิญหลังปิดเรื่อง',
      paper: 'แบบสอบถามกระดาษ (เจ้าหน้าที่บันทึก)',
      unknown: 'ลิงก์ที่ไม่ระบุที่มา',
    } as Record<string, string>,
    /** Issue 12: paper forms as their own share, and those not yet counted. */
    paperShare: (counted: number, share: string, pending: number) =>
      `แบบประเมินกระดาษที่เจ้าหน้าที่บันทึกและมีผู้ตรวจสอบคนที่สองยืนยันแล้ว ${counted.toLocaleString('th-TH')} ฉบับ คิดเป็นร้อยละ ${share} ของผู้ตอบทั้งหมด` +
      (pending ? ` (ยังรอการยืนยันอีก ${pending.toLocaleString('th-TH')} ฉบับ ซึ่งไม่นำมานับ)` : ''),
    collectedHeading: '1.1 ช่องทางที่เก็บแบบสำรวจ (จากลิงก์หรือแบบฟอร์มที่ใช้ตอบ)',
    contactHeading: '1.2 ช่องทางที่ผู้ตอบติดต่อหน่วยงาน (ตามคำตอบของผู้ตอบ)',
    sourceCol: 'ช่องทางที่เก็บแบบสำรวจ',
    contactCol: 'ช่องทางที่ติดต่อหน่วยงาน',
    /** One whole sentence for each case: none, one source, several. */
    methodSentence: (n: number, sources: string[]) => {
      const count = n.toLocaleString('th-TH');
      const tail =
        'ด้วยแบบสอบถามมาตรฐานของระบบฟังเสียง คะแนนแต่ละข้อแปลงเป็น 0–100 และรายงานเป็นค่าเฉลี่ยทศนิยมสองตำแหน่ง';
      if (n === 0 || sources.length === 0) return `รอบนี้ยังไม่มีผู้ตอบแบบสำรวจ ${tail}`;
      if (sources.length === 1)
        return `สำรวจความพึงพอใจจากผู้รับบริการ ${count} ราย โดยเก็บจากช่องทางเดียว คือ ${sources[0]} ${tail}`;
      const list = `${sources.slice(0, -1).join(' ')} และ${sources.at(-1)}`;
      return `สำรวจความพึงพอใจจากผู้รับบริการ ${count} ราย โดยเก็บจาก ${sources.length} ช่องทาง ได้แก่ ${list} ${tail}`;
    },
    methodText: (n: number, ch: string) =>
      `สำรวจความพึงพอใจจากผู้รับบริการผ่าน${ch} ด้วยแบบสอบถามมาตรฐานของระบบฟังเสียง มีผู้ตอบทั้งสิ้น ${n} ราย คะแนนแต่ละข้อแปลงเป็น 0–100 และรายงานเป็นค่าเฉลี่ยทศนิยมสองตำแหน่ง`,
    chartAlt: 'แผนภูมิแท่งคะแนนรายตัวชี้วัด',
    page: 'หน้า',
    none: '-',
    /** The cover's three sentences (issue 15): who answered, how satisfied, against the 85 target. */
    cover: {
      /** The one sentence of a round nobody answered, instead of zeros in every table. */
      empty: (round: string) => `${round} ยังไม่มีผู้ตอบแบบสำรวจ จึงยังไม่มีคะแนนความพึงพอใจหรือตัวชี้วัดให้รายงาน`,
      respondents: (n: number, sources: number) =>
        n === 1
          ? 'รอบนี้มีผู้ตอบแบบสำรวจ 1 ราย'
          : sources > 1
            ? `รอบนี้มีผู้ตอบแบบสำรวจ ${n.toLocaleString('th-TH')} ราย จาก ${sources} ช่องทาง`
            : `รอบนี้มีผู้ตอบแบบสำรวจ ${n.toLocaleString('th-TH')} ราย`,
      satisfied: (share: number | null) =>
        share === null
          ? 'ยังไม่มีคำตอบข้อความพึงพอใจที่นำมาคิดคะแนนได้'
          : `ผู้ตอบร้อยละ ${share.toFixed(2)} พึงพอใจระดับมากขึ้นไป`,
      /** Indicators at or above the 85 target: all, none, some. */
      target: (met: number, total: number, eit: number | null) => {
        const e = eit === null ? '' : `คะแนน EIT เท่ากับ ${eit.toFixed(2)} `;
        if (total === 0) return `${e}ยังไม่มีตัวชี้วัดที่คิดคะแนนได้`;
        if (met === total) return `${e}และตัวชี้วัดทั้ง ${total} ตัวผ่านเป้าหมาย 85 คะแนน`;
        if (met === 0) return `${e}และยังไม่มีตัวชี้วัดใดถึงเป้าหมาย 85 คะแนน`;
        return `${e}และมีตัวชี้วัด ${met} จาก ${total} ตัวผ่านเป้าหมาย 85 คะแนน`;
      },
      /** Up or down from the previous round, when there is one. */
      change: (d: number | null) =>
        d === null
          ? 'ไม่มีผลของรอบก่อนให้เปรียบเทียบ'
          : Math.abs(d) < 0.005
            ? 'ความพึงพอใจเท่ากับรอบก่อน'
            : d > 0
              ? `ความพึงพอใจเพิ่มขึ้น ${d.toFixed(2)} จากรอบก่อน`
              : `ความพึงพอใจลดลง ${Math.abs(d).toFixed(2)} จากรอบก่อน`,
    },
    emblemAlt: 'ตราหน่วยงาน',
    version: (n: number) => `ฉบับที่ ${n}`,
    charts: {
      indicators: 'คะแนนรายตัวชี้วัดเทียบกับเป้าหมาย 85 คะแนน',
      target: 'เป้าหมาย 85',
      trend: 'แนวโน้มรายเดือน: ร้อยละที่พึงพอใจระดับมากขึ้นไป',
      trendNone: 'ยังไม่มีคำตอบรายเดือนให้แสดงแนวโน้ม',
      byService: 'ร้อยละที่พึงพอใจระดับมากขึ้นไป แยกตามบริการ',
      byDivision: 'ร้อยละที่พึงพอใจระดับมากขึ้นไป แยกตามหน่วยงาน',
      channels: 'ร้อยละของแบบสำรวจแยกตามช่องทางที่เก็บ',
    },
    comparisonNone: 'ไม่มีผลของรอบก่อนหรือรอบเดียวกันของปีก่อนให้เปรียบเทียบ',
    outcomesHeading: 'ผลลัพธ์ของเรื่องที่รับในรอบนี้',
    outcome: 'ผลลัพธ์',
    outcomesNone: 'ไม่มีเรื่องที่รับในรอบนี้',
    s10: '10. การรับรองรายงาน',
    sign: {
      line: '(ลงชื่อ) ........................................',
      blankName: '(........................................)',
      roles: {
        preparer: 'ผู้จัดทำรายงาน',
        permanentSecretary: 'ปลัด',
        executive: 'นายก',
      } as Record<string, string>,
      date: 'วันที่ ........ / ........ / ........',
    },
    /** A round that has not started: refused, naming the current one. */
    notStarted: (round: string, current: string) =>
      `${round} ยังไม่เริ่ม จึงยังออกรายงานไม่ได้ รอบปัจจุบันคือ${current}`,
  },
  transparency: {
    title: 'ข้อมูลเพื่อความโปร่งใส',
    intro:
      'ข้อมูลสถิติ รายงาน และมาตรฐานการให้บริการที่เผยแพร่ต่อสาธารณะ ดาวน์โหลดเป็น CSV หรือ JSON ได้ทุกชุดข้อมูล',
    reports: 'รายงานผลการสำรวจความพึงพอใจ',
    noReports: 'ยังไม่มีรายงานที่เผยแพร่',
    corruptionStats: 'สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ',
    corruptionNote: 'แสดงเฉพาะจำนวนตามประเภทเรื่อง ไม่เปิดเผยรายละเอียดของเรื่องหรือผู้ร้องเรียน',
    serviceStats: 'ข้อมูลเชิงสถิติการให้บริการ',
    serviceStandards: 'มาตรฐานการให้บริการ (คู่มือการให้บริการ)',
    channels: 'ช่องทางการรับฟังความคิดเห็นและการร้องเรียน',
    feedback: 'ช่องทางรับฟังความคิดเห็นและแจ้งเรื่อง',
    feedbackText: 'แจ้งเรื่อง สอบถาม ร้องเรียน หรือแสดงความคิดเห็นได้ตลอด 24 ชั่วโมง',
    lineOa: 'LINE Official Account',
    phone: 'โทรศัพท์',
    address: 'ที่อยู่',
    officeHours: 'เวลาทำการ',
    website: 'เว็บไซต์',
    corruption: 'ช่องทางร้องเรียนการทุจริตและประพฤติมิชอบ (แยกจากช่องทางทั่วไป)',
    corruptionText: 'แจ้งเบาะแสโดยไม่ต้องระบุตัวตนได้ ข้อมูลผู้แจ้งถูกเก็บเป็นความลับ',
    corruptionLink: 'แจ้งเรื่องร้องเรียนการทุจริต',
    trackLink: 'ติดตามเรื่องด้วยรหัสและ PIN',
    fiscalYear: (y: number) => `ปีงบประมาณ พ.ศ. ${y}`,
    category: 'ประเภทเรื่อง',
    month: 'เดือน',
    total: 'รวม',
    received: 'รับเรื่อง',
    finished: 'ดำเนินการแล้วเสร็จ',
    inProgress: 'อยู่ระหว่างดำเนินการ',
    service: 'บริการ',
    steps: 'ขั้นตอน',
    timeFrame: 'ระยะเวลา',
    documents: 'เอกสารที่ใช้',
    fees: 'ค่าธรรมเนียม',
    channelsCol: 'ช่องทาง',
    noServices: 'ยังไม่ได้บันทึกมาตรฐานการให้บริการ',
    download: 'ดาวน์โหลด',
    embedHint: 'ฝังในเว็บไซต์ของหน่วยงานได้ด้วย iframe โดยเพิ่ม ?embed=1 ท้ายลิงก์',
    back: 'กลับหน้าข้อมูลเพื่อความโปร่งใส',
    notFound: 'ไม่พบรายงานนี้',
    years: 'ปีงบประมาณ',
  },
} as const;
