/**
 * Every string a resident, a staff member or a visitor reads, in one Thai catalogue.
 * Handlers and pages take their words from here; there are no Thai literals elsewhere.
 */
import { cases } from './th-cases';
import { conv } from './th-conversation';
import { pub } from './th-public';
import { sec } from './th-security';
import { staff } from './th-staff';
import { metrics } from './th-metrics';
import { survey } from './th-survey';

export const th = {
  /** The chat's words (shared/text/th-conversation.ts). */
  conv,
  /** Case states and timeline notes (shared/text/th-cases.ts). */
  cases,
  /** The public web pages: corruption form, receipt, PIN tracking (shared/text/th-public.ts). */
  pub,
  /** The staff workflow: invites, alerts, notifications, digests (shared/text/th-staff.ts). */
  staff,
  /** Metrics, the ITA roll-up, reports and public statistics (shared/text/th-metrics.ts). */
  metrics,
  /** The satisfaction survey: LIFF page, invitation, QR poster (shared/text/th-survey.ts). */
  survey,
  /** Security refusals: bad URLs, oversized bodies, lockouts (shared/text/th-security.ts). */
  sec,
  menu: {
    ask: 'สอบถาม',
    report: 'แจ้งเหตุ/ขอรับบริการ',
    complain: 'ร้องเรียน',
    track: 'ติดตามเรื่อง',
    survey: 'ประเมินความพึงพอใจ',
    contact: 'ติดต่อเรา',
  },
  /** The rich menu's chat-bar button (LINE allows 14 characters). */
  menuChatBar: 'เมนู',
  greeting: (orgName: string) =>
    `สวัสดีค่ะ ยินดีต้อนรับสู่บริการรับฟังเสียงประชาชนของ${orgName} ` +
    'ท่านสามารถสอบถาม แจ้งเหตุ ร้องเรียน และติดตามเรื่องได้ที่นี่ตลอด 24 ชั่วโมง',
  privacyNotice:
    'ประกาศความเป็นส่วนตัว: เราเก็บชื่อที่แสดงใน LINE ข้อความ รูปภาพ และตำแหน่งที่ท่านส่ง ' +
    'เพื่อรับและดำเนินการเรื่องของท่านตามอำนาจหน้าที่ของหน่วยงาน (ภารกิจเพื่อประโยชน์สาธารณะ ' +
    'ตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562) เก็บไว้ไม่เกิน 5 ปีนับจากปิดเรื่อง ' +
    'ท่านขอดูข้อมูลได้โดยพิมพ์ "ขอข้อมูลของฉัน" และขอลบได้โดยพิมพ์ "ลบข้อมูลของฉัน" เราจะดำเนินการภายใน 30 วัน',
  chooseMenu: 'เลือกบริการที่ต้องการจากเมนูด้านล่างได้เลยค่ะ',
  notUnderstood: 'ขออภัยค่ะ ระบบยังไม่เข้าใจคำขอนี้ เลือกบริการที่ต้องการจากเมนูด้านล่างได้เลยค่ะ',
  simulator: {
    title: 'โปรแกรมจำลอง LINE',
    subtitle: 'คุยกับบอทโดยไม่ต้องมีบัญชี LINE',
    placeholder: 'พิมพ์ข้อความ',
    send: 'ส่ง',
    location: 'ส่งตำแหน่ง',
    image: 'ส่งรูป',
    follow: 'เพิ่มเพื่อน',
    unfollow: 'บล็อก',
    user: 'ผู้ใช้',
    newUser: 'ผู้ใช้ใหม่',
    locationPrompt: 'ละติจูด,ลองจิจูด',
    locationTitle: 'ตำแหน่งที่ปักหมุด',
    sendFailed: 'ส่งไม่สำเร็จ ลองอีกครั้ง',
    empty: 'เริ่มคุยได้เลย: กด "เพิ่มเพื่อน" หรือพิมพ์ข้อความ',
    chatLog: 'ข้อความในห้องแชต',
    tools: 'เครื่องมือจำลอง',
    quickReplies: 'ตัวเลือกตอบกลับด่วน',
    imageAlt: 'รูปภาพ',
    sticker: 'สติกเกอร์',
    datetimePrompt: 'เลือกวันที่/เวลา',
    invalidInput: 'รูปแบบข้อมูลไม่ถูกต้อง',
    followed: 'คุณเพิ่มบอทเป็นเพื่อนแล้ว',
    unfollowed: 'คุณบล็อกบอทแล้ว',
  },
} as const;
