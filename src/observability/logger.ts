/**
 * Structured logs: one JSON object per line, secrets redacted before anything is written.
 *
 * Redaction works on two levels: fields whose name says "secret" (authorization, api_secret,
 * password, token, cookie...) are replaced wholesale, and every string is scrubbed of the
 * credential shapes that can hide in free text (`Basic xxx`, `Bearer xxx`, HMAC signatures,
 * `api_secret=...`) and of the exact secret values registered with the logger (the service
 * credentials). The logger never sees request headers unless a caller passes them, and even
 * then they come out redacted.
 */
import type { LogLevel } from '../config.js';

/** A structured logger; `fields` are merged into the line. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Whether lines of this level are written. */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Least severe level written (default info). */
  level?: LogLevel;
  /** Where each finished line goes (without the newline). main.ts passes stdout. */
  write: (line: string) => void;
  /** Exact values never to print (service secrets, passwords, tokens). */
  secrets?: readonly string[];
  /** Fields added to every line. */
  base?: Record<string, unknown>;
  /** Clock for the `time` field. */
  now?: () => Date;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** What replaces a redacted value. */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-dci-api-secret|api[-_]?secret|secret|password|passwd|token|access[-_]?token|refresh[-_]?token|dci_api_secret|dci_password|dci_token)$/i;

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\bSignature=[0-9a-f]+/gi, `Signature=${REDACTED}`],
  [/\b(api_secret|password|token|secret)(["']?\s*[:=]\s*["']?)[^\s"',&}]+/gi, `$1$2${REDACTED}`],
];

/**
 * A copy of `value` with secrets removed: secret-named fields replaced, strings scrubbed of
 * credential shapes and of the given exact values. Cycles and depth are bounded.
 */
export function redact(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[...]';
  if (value instanceof Error) {
    // The stack stays in server logs (never in responses); scrubbed like any text.
    return {
      name: value.name,
      message: scrub(value.message, secrets),
      ...(value.stack ? { stack: scrub(value.stack, secrets) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] =
      SECRET_KEY.test(k) && v !== null && v !== undefined
        ? REDACTED
        : redact(v, secrets, depth + 1);
  }
  return out;
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would redact innocent text; credentials are never that short.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Builds a JSON-lines logger writing through `options.write`. */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const secrets = [...(options.secrets ?? [])];
  const now = options.now ?? (() => new Date());
  const base = options.base ?? {};
  const log = (
    level: Exclude<LogLevel, 'silent'>,
    msg: string,
    fields?: Record<string, unknown>,
  ) => {
    if (ORDER[level] < threshold) return;
    const line = redact({ time: now().toISOString(), level, msg, ...base, ...fields }, secrets);
    let text: string;
    try {
      text = JSON.stringify(line);
    } catch {
      text = JSON.stringify({ time: now().toISOString(), level, msg: scrub(msg, secrets) });
    }
    options.write(text);
  };
  return {
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
    enabled: (level) => ORDER[level] >= threshold,
  };
}

/** A logger that writes nothing (the default for gateways built in tests). */
export const silentLogger: Logger = createLogger({ level: 'silent', write: () => {} });
