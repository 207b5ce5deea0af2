/** Dates people read are in the Buddhist era (พ.ศ. = ค.ศ. + 543), in Thailand's time zone. */
const TZ = 'Asia/Bangkok';

/** e.g. "22 พ.ย. 2569 07:26" */
export function formatThaiDateTime(d: Date): string {
  return new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
    timeZone: TZ,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(d)
    .replace(' เวลา', '');
}

/** e.g. "22 พฤศจิกายน 2569" */
export function formatThaiDate(d: Date): string {
  return new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
    timeZone: TZ,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(d);
}
