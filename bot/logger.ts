/** One JSON line per log record: easy to grep on a box, and what Workers logs expect. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = Record<LogLevel, (msg: string, fields?: Record<string, unknown>) => void>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  level: LogLevel = 'info',
  sink: (line: string) => void = console.log,
): Logger {
  const make = (l: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[l] < ORDER[level]) return;
    sink(
      redactLogLine(JSON.stringify({ level: l, time: new Date().toISOString(), msg, ...fields })),
    );
  };
  return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * What never reaches a log (issue 12), whatever an error message echoes: LINE user, group and
 * room ids (U/C/R + 32 hex) and bearer tokens. Secrets themselves are never passed to the logger.
 */
export function redactLogLine(line: string): string {
  return line
    .replace(/\b[UCR][0-9a-f]{32}\b/g, '[line-id]')
    .replace(/\b(Bearer)\s+[^\s"\\]+/gi, '$1 [redacted]');
}
