/**
 * Words for refusals added by the security work (issue 12): bad addresses, oversized
 * bodies, locked tracking codes, used form tokens, invite-code limits, paper batches.
 */
export const sec = {
  badUrl: 'ที่อยู่หน้าเว็บไม่ถูกต้อง โปรดตรวจสอบลิงก์อีกครั้ง',
  tooLargeTitle: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป',
  tooLarge: (limit: string) =>
    `ข้อมูลที่ส่งมีขนาดเกิน ${limit} โปรดลดขนาดข้อความหรือรูปภาพแล้วส่งใหม่ (ยังไม่มีการบันทึกข้อมูลนี้)`,
  trackLocked: 'รหัสเรื่องนี้ถูกพักการตรวจสอบชั่วคราว เพราะมีการใส่ PIN ผิดหลายครั้ง โปรดลองใหม่ภายหลัง',
  tokenUsed: 'แบบฟอร์มนี้ถูกส่งไปแล้ว โปรดเปิดหน้าแบบฟอร์มใหม่แล้วส่งอีกครั้ง (ข้อมูลที่พิมพ์ไว้ยังไม่ถูกบันทึก)',
  inviteLocked: 'ใส่รหัสเชิญผิดหลายครั้งเกินไป โปรดรอประมาณหนึ่งชั่วโมงแล้วลองใหม่',
  unauthorized: 'ต้องเข้าสู่ระบบด้วย LINE ก่อนใช้งาน',
};
