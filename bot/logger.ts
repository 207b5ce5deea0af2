/** One JSON line per log record: easy to grep on a box, and what Workers logs expect. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = Record<LogLevel, (msg: string, fields?: Record<string, unknown>) => void>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Whether a record at `level` is written by a logger set to `threshold`. */
export const isLogged = (level: LogLevel, threshold: LogLevel) => ORDER[level] >= ORDER[threshold];

export function createLogger(
  level: LogLevel = 'info',
  sink: (line: string) => void = console.log,
): Logger {
  const make = (l: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (!isLogged(l, level)) return;
    sink(
      redactLogLine(JSON.stringify({ level: l, time: new Date().toISOString(), msg, ...fields })),
    );
  };
  return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * An error for the log without what a failed statement carried: drizzle's message repeats the
 * SQL and its parameters (residents' messages, LINE ids), so a query error logs the driver's
 * code or message and the statement's first words only.
 */
export function errorForLog(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  if (typeof err?.message === 'string' && err.message.startsWith('Failed query:')) {
    const statement = err.message.slice(14).split(/\s+/).slice(0, 4).join(' ');
    return `query failed (${err.cause?.code ?? err.cause?.message ?? 'error'}): ${statement} …`;
  }
  return String(e);
}

/**
 * What never reaches a log (issue 12), whatever an error message echoes: LINE user, group and
 * room ids (U/C/R + 32 hex) and bearer tokens. Secrets themselves are never passed to the logger.
 */
export function redactLogLine(line: string): string {
  return line
    .replace(/\b[UCR][0-9a-f]{32}\b/g, '[line-id]')
    .replace(/\b(Bearer)\s+[^\s"\\]+/gi, '$1 [redacted]');
}
