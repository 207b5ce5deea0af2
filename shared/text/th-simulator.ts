/** The LINE simulator's words for its rich menu, people switcher and LIFF overlay (bot/dev). */
export const simulatorMore = {
  who: 'คุยในนามของ',
  residents: 'ประชาชน (ผู้ใช้ทดลอง)',
  staff: 'เจ้าหน้าที่ (แจ้งเตือนเรื่องใหม่มาที่แชตนี้)',
  thisBrowser: 'ผู้ใช้ของเบราว์เซอร์นี้',
  help:
    'ทดลองเป็นประชาชนแจ้งเรื่อง แล้วเลือกชื่อเจ้าหน้าที่จากรายการ "คุยในนามของ" ' +
    'เพื่อเปิดแชตของเจ้าหน้าที่ การแจ้งเตือนเรื่องใหม่จะมาที่แชตนั้น',
  /** Shown over a staff member's chat, after their position. */
  staffNote: 'แชตของเจ้าหน้าที่ — การแจ้งเตือนเรื่องใหม่มาที่นี่',
  openConsole: 'เปิดหน้าจอเจ้าหน้าที่',
  menu: 'เมนู',
  menuOpen: 'แสดงเมนู',
  menuClose: 'ซ่อนเมนู',
  richMenu: 'ริชเมนูของหน่วยงาน',
  close: 'ปิด',
  imageGone: '[รูปภาพ]',
};
