/**
 * The FAQ import file: UTF-8 CSV (RFC 4180) with the header `id,question,variants,answer`
 * and optionally `links` and `quick_replies`. Spreadsheet exports are the usual source,
 * so a BOM, CRLF line ends, quoted fields with commas, doubled quotes and line breaks,
 * and trailing empty rows are all accepted. Errors name the line a person sees in an
 * editor (the header is line 1).
 */

export interface CsvRecord {
  /** The line the record starts on (1-based). */
  line: number;
  fields: string[];
}

export interface CsvError {
  line: number;
  message: string;
}

export type CsvResult =
  | { ok: true; records: CsvRecord[] }
  /** `record`: the record it happened in (1-based, a blank line is one): Excel's row number. */
  | { ok: false; error: CsvError & { record: number } };

/** Parses CSV text into records. Fails on an unterminated quote or a quote inside a bare field. */
export function parseCsv(text: string): CsvResult {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (s[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n)
            return {
              ok: false,
              error: {
                line: quoteLine,
                record: records.length + 1,
                message: 'unterminated quoted field (a " is never closed)',
              },
            };
          const c = s[i]!;
          if (c === '"') {
            if (s[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\r' && s[i + 1] === '\n') {
            // A line break inside a field reads as \n whatever the file's line ends.
            i++;
            continue;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        const next = s[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          return {
            ok: false,
            error: {
              line,
              record: records.length + 1,
              message: 'text after a closing quote (write "" for a quote inside a quoted field)',
            },
          };
        }
      } else {
        while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') {
          if (s[i] === '"') {
            return {
              ok: false,
              error: {
                line,
                record: records.length + 1,
                message:
                  'a quote inside an unquoted field (quote the whole field and double the quote: "")',
              },
            };
          }
          value += s[i];
          i++;
        }
      }
      fields.push(value);
      if (s[i] === ',') {
        i++;
        continue;
      }
      // End of record: CRLF, LF, a lone CR, or the end of the text.
      if (s[i] === '\r') i++;
      if (s[i] === '\n') i++;
      line++;
      break;
    }
    records.push({ line: start, fields });
  }
  return { ok: true, records };
}

/** One FAQ row from the file, validated. */
export interface FaqCsvRow {
  /** Where it was in the file, for messages. */
  line: number;
  id: string;
  question: string;
  variants: string[];
  answer: string;
  links: { label: string; uri: string }[];
  quickReplies: string[];
}

export const FAQ_REQUIRED_COLUMNS = ['id', 'question', 'variants', 'answer'] as const;
export const FAQ_OPTIONAL_COLUMNS = ['links', 'quick_replies'] as const;

/** LINE's limits: text message 5,000 characters; action and quick-reply labels 20. */
const LIMITS = { answer: 5000, question: 300, label: 20, quickReplies: 13, links: 4 };
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const LINK = /^(.+?)=((?:https?|tel|line):\S+)$/i;
const MAX_ERRORS = 20;

export type FaqCsvResult = { ok: true; rows: FaqCsvRow[] } | { ok: false; errors: CsvError[] };

const splitList = (v: string) =>
  v
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Parses and validates an FAQ file. All problems found are returned (up to 20), each
 * with its line, so a file can be fixed in one go.
 */
export function parseFaqCsv(text: string): FaqCsvResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const records = parsed.records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = records.shift();
  if (!header) {
    return {
      ok: false,
      errors: [
        { line: 1, message: `empty file: expected the header ${FAQ_REQUIRED_COLUMNS.join(',')}` },
      ],
    };
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const errors: CsvError[] = [];
  const known = new Set<string>([...FAQ_REQUIRED_COLUMNS, ...FAQ_OPTIONAL_COLUMNS]);
  for (const [i, name] of names.entries()) {
    if (!known.has(name)) {
      errors.push({
        line: header.line,
        message: `unknown column "${name}" (column ${i + 1}); the columns are ${[...known].join(', ')}`,
      });
    } else if (names.indexOf(name) !== i) {
      errors.push({ line: header.line, message: `column "${name}" appears twice` });
    }
  }
  const missing = FAQ_REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    errors.push({
      line: header.line,
      message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: the header must be ${FAQ_REQUIRED_COLUMNS.join(',')}`,
    });
  }
  if (errors.length) return { ok: false, errors };

  const col = (r: CsvRecord, name: string) => {
    const i = names.indexOf(name);
    return i < 0 ? '' : (r.fields[i] ?? '').trim();
  };
  const rows: FaqCsvRow[] = [];
  const seen = new Map<string, number>();
  for (const r of records) {
    if (errors.length >= MAX_ERRORS) break;
    const fail = (message: string) => errors.push({ line: r.line, message });
    if (r.fields.length !== names.length) {
      fail(
        `${r.fields.length} fields where the header has ${names.length} (a comma inside a field needs the field in quotes)`,
      );
      continue;
    }
    const id = col(r, 'id');
    const question = col(r, 'question');
    const answer = col(r, 'answer');
    const before = errors.length;
    if (!ID.test(id))
      fail(id ? `id "${id}" must be letters, digits, - _ . (at most 64)` : 'id is empty');
    else if (seen.has(id)) fail(`id "${id}" repeats line ${seen.get(id)}`);
    else seen.set(id, r.line);
    if (!question) fail('question is empty');
    else if (question.length > LIMITS.question)
      fail(`question is longer than ${LIMITS.question} characters`);
    if (!answer) fail('answer is empty');
    else if (answer.length > LIMITS.answer)
      fail(`answer is longer than ${LIMITS.answer} characters (LINE's limit)`);
    const links: FaqCsvRow['links'] = [];
    for (const item of splitList(col(r, 'links'))) {
      const m = LINK.exec(item);
      const label = m?.[1]!.trim() ?? '';
      if (!m || !label) fail(`link "${item}" must be label=https://… (or tel:, line:)`);
      else if (label.length > LIMITS.label)
        fail(`link label "${label}" is longer than ${LIMITS.label} characters`);
      else if (!isUrl(m[2]!)) fail(`link "${item}" is not a valid address`);
      else links.push({ label, uri: m[2]! });
    }
    if (links.length > LIMITS.links) fail(`more than ${LIMITS.links} links`);
    const quickReplies = splitList(col(r, 'quick_replies'));
    for (const q of quickReplies) {
      if (q.length > LIMITS.label)
        fail(`quick reply "${q}" is longer than ${LIMITS.label} characters`);
    }
    if (quickReplies.length > LIMITS.quickReplies)
      fail(`more than ${LIMITS.quickReplies} quick replies`);
    if (errors.length > before) continue;
    rows.push({
      line: r.line,
      id,
      question,
      variants: splitList(col(r, 'variants')),
      answer,
      links,
      quickReplies,
    });
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  if (!rows.length)
    return { ok: false, errors: [{ line: header.line, message: 'no entries after the header' }] };
  return { ok: true, rows };
}

/** "line 12: answer is empty" lines, for the CLI. */
export function formatCsvErrors(errors: readonly CsvError[]): string {
  return errors.map((e) => `line ${e.line}: ${e.message}`).join('\n');
}

function isUrl(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}
