import type { StateType } from '../cases';

/** Words about cases: default state labels (an organisation may rename them) and timeline notes. */
export const cases = {
  stateLabels: {
    waiting: 'รอรับเรื่อง',
    in_progress: 'กำลังดำเนินการ',
    forwarded: 'ส่งต่อ',
    follow_up: 'ติดตาม',
    finished: 'เสร็จสิ้น',
    rejected: 'ไม่เกี่ยวข้อง',
  } satisfies Record<StateType, string>,
  filedViaLine: 'รับเรื่องผ่าน LINE',
  filedAnonymously: 'รับเรื่องผ่าน LINE (ไม่ระบุตัวตน)',
  handoffDescription: 'ผู้ใช้ขอคุยกับเจ้าหน้าที่',
  identityRemoved: 'ผู้แจ้งขอลบข้อมูลส่วนบุคคล: ตัดข้อมูลระบุตัวตนออกแล้ว',
  redacted: {
    id: '[เลขประจำตัว]',
    phone: '[เบอร์โทร]',
    email: '[อีเมล]',
    houseNo: '[เลขที่]',
    name: '[ชื่อ]',
  },
} as const;
