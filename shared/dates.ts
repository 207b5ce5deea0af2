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

/** A calendar month `YYYY-MM` as people read it, e.g. "ต.ค. 2568". */
export function formatThaiMonth(month: string): string {
  return new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
    timeZone: TZ,
    month: 'short',
    year: 'numeric',
  }).format(new Date(`${month}-15T12:00:00+07:00`));
}
