/**
 * Structured log lines: one JSON object per line on stderr, so an operator can grep them and a test
 * can parse them. Secrets registered with {@link Logger.redact} are replaced wherever they appear,
 * so a token can never reach a log line even through a client-controlled string.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
/** Where finished lines go (default: stderr). */
export type LogSink = (line: string) => void;

const LEVEL_RANK: Record<LogLevel, number> = {debug: 10, info: 20, warn: 30, error: 40};
const REDACTED = '[redacted]';

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in LEVEL_RANK;
}

interface LoggerCore {
  minRank: number;
  sink: LogSink;
  secrets: Set<string>;
}

/** Writes structured lines; children share the level, the sink and the redaction list. */
export class Logger {
  private constructor(
    private readonly core: LoggerCore,
    private readonly fields: LogFields,
  ) {}

  /**
   * @param level Lines below this level are dropped (default `info`).
   * @param sink Receives each finished line without the newline (default: stderr).
   */
  static create(options: {level?: LogLevel; sink?: LogSink} = {}): Logger {
    const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
    return new Logger({minRank: LEVEL_RANK[options.level ?? 'info'], sink, secrets: new Set()}, {});
  }

  /** A logger that drops everything (tests, benches). */
  static silent(): Logger {
    return new Logger({minRank: Infinity, sink: () => {}, secrets: new Set()}, {});
  }

  /** A logger whose lines all carry these fields too (e.g. the session id). Shares redaction. */
  child(fields: LogFields): Logger {
    return new Logger(this.core, {...this.fields, ...fields});
  }

  /** Never write this string: every occurrence in any line becomes `[redacted]`. */
  redact(secret: string): void {
    if (secret.length > 0) this.core.secrets.add(secret);
  }

  enabled(level: LogLevel): boolean {
    return LEVEL_RANK[level] >= this.core.minRank;
  }

  debug(event: string, fields?: LogFields): void {
    this.write('debug', event, fields);
  }

  info(event: string, fields?: LogFields): void {
    this.write('info', event, fields);
  }

  warn(event: string, fields?: LogFields): void {
    this.write('warn', event, fields);
  }

  error(event: string, fields?: LogFields): void {
    this.write('error', event, fields);
  }

  private write(level: LogLevel, event: string, fields?: LogFields): void {
    if (LEVEL_RANK[level] < this.core.minRank) return;
    let line: string;
    try {
      line = JSON.stringify({time: new Date().toISOString(), level, event, ...this.fields, ...fields}, errorReplacer);
    } catch {
      line = JSON.stringify({time: new Date().toISOString(), level, event, note: 'fields could not be serialised'});
    }
    for (const secret of this.core.secrets) {
      if (line.includes(secret)) line = line.split(secret).join(REDACTED);
    }
    this.core.sink(line);
  }
}

/** Errors become their message and code: a stack trace is noise in a log line. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as NodeJS.ErrnoException).code;
    return code ? {message: value.message, code} : {message: value.message};
  }
  return value;
}
