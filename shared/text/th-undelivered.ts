/** The staff console's "messages not delivered" screen and its API (issue 17, decision 045). */
export const thUndelivered = {
  link: 'ข้อความที่ส่งไม่ถึง',
  title: 'ข้อความที่ส่งไม่ถึง',
  intro:
    'ข้อความที่ระบบส่งทาง LINE ไม่สำเร็จแม้ลองซ้ำครบจำนวนครั้งแล้ว กด "ส่งอีกครั้ง" เมื่อแก้สาเหตุแล้ว (เช่น ผู้รับเลิกบล็อกบัญชี หรือ LINE กลับมาใช้งานได้)',
  none: 'ไม่มีข้อความที่ส่งไม่ถึง',
  back: 'กลับหน้ารายการเรื่อง',
  when: 'เวลา',
  recipient: 'ผู้รับ',
  case: 'เรื่อง',
  attempts: 'ลองส่ง (ครั้ง)',
  reason: 'สาเหตุ',
  retry: 'ส่งอีกครั้ง',
  sent: 'ส่งสำเร็จแล้ว',
  queued: 'นำกลับเข้าคิวแล้ว ระบบจะลองส่งอีกครั้ง',
  noCase: '-',
  recipients: {
    staff: 'เจ้าหน้าที่',
    resident: 'ประชาชน',
    group: 'กลุ่ม LINE',
    many: 'หลายคน (ส่งพร้อมกัน)',
  },
  /** The API's refusals. */
  notFound: 'ไม่พบข้อความนี้ในรายการที่ส่งไม่ถึง',
} as const;
