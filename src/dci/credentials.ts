/**
 * DCI credentials: the three ways of authenticating (REST-REFERENCE §2) and how they are read
 * from the environment or from a `dcirc.sh` file as the DCI UI hands them out.
 *
 * Nothing here ever puts a secret, password or token into an error message: a misconfigured
 * service should say which variable is wrong, not print what it holds.
 */
import type { SignatureAlgorithm } from './signature.js';

/** How a request to DCI authenticates. HMAC identities are remotecis and feeders only. */
export type DciAuth =
  | {
      kind: 'hmac';
      /** `remoteci/<uuid>` or `feeder/<uuid>`, as produced by {@link parseAccessKey}. */
      accessKey: string;
      secret: string;
      algorithm?: SignatureAlgorithm;
    }
  | { kind: 'basic'; login: string; password: string }
  | { kind: 'bearer'; token: string };

/** What {@link loadDciSettings} found: the API origin and the service credentials, if any. */
export interface DciSettings {
  /** DCI_CS_URL without `/api/v1` and without a trailing slash. */
  url: string;
  /** `null` when no credentials are configured (every request must bring its own). */
  auth: DciAuth | null;
}

/** The public DCI API, python-dciclient's default when DCI_CS_URL is unset. */
export const DEFAULT_DCI_CS_URL = 'https://api.distributed-ci.io';

/**
 * A missing or malformed credential setting. `variable` names the setting (for example
 * `DCI_API_SECRET`); the message never contains the value, since it may be a secret.
 */
export class CredentialsError extends Error {
  constructor(
    /** The environment variable (or header) whose value is missing or malformed. */
    readonly variable: string,
    /** Why it is rejected, without its value. */
    readonly reason: string,
  ) {
    super(`${variable} ${reason}`);
    this.name = 'CredentialsError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Printable ASCII without spaces: what can travel in a header without being mangled. A value
// outside it is almost always a copy-paste accident (a trailing newline, a smart quote).
const HEADER_TOKEN = /^[\x21-\x7e]+$/;

/**
 * Parses an HMAC access key: `remoteci/<uuid>`, `feeder/<uuid>`, or a bare `<uuid>` which,
 * as in python-dciclient, means a remoteci. The UUID is lower-cased (DCI ids are lower-case).
 * `source` names where the value came from, for the error message (default `DCI_CLIENT_ID`).
 */
export function parseAccessKey(
  raw: string,
  source = 'DCI_CLIENT_ID',
): { type: 'remoteci' | 'feeder'; id: string } {
  const value = raw.trim();
  const slash = value.indexOf('/');
  const type = slash === -1 ? 'remoteci' : value.slice(0, slash);
  const id = slash === -1 ? value : value.slice(slash + 1);
  if ((type === 'remoteci' || type === 'feeder') && UUID.test(id)) {
    return { type, id: id.toLowerCase() };
  }
  // Only users can be anything else, and users cannot sign (§2.1): say so rather than echo.
  throw new CredentialsError(source, 'must be remoteci/<uuid>, feeder/<uuid> or a bare <uuid>');
}

/**
 * Reads the variables of a `dcirc.sh` file: `KEY=value` and `export KEY=value` lines, values
 * bare, 'single-quoted' (literal) or "double-quoted" (backslash escapes), `#` comments. Other
 * lines (`export KEY` alone, shell logic) are ignored; `$VAR` references are not expanded.
 */
export function parseDcirc(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(rawLine);
    if (!m) continue;
    const value = parseShellValue(m[2]!);
    if (value !== null) vars[m[1]!] = value;
  }
  return vars;
}

/** One shell word: quoted or bare, followed by nothing but an optional comment. */
function parseShellValue(rest: string): string | null {
  const trimmed = rest.trim();
  if (trimmed.startsWith("'")) {
    const end = trimmed.indexOf("'", 1);
    return end === -1 ? null : trimmed.slice(1, end);
  }
  if (trimmed.startsWith('"')) {
    let out = '';
    for (let i = 1; i < trimmed.length; i++) {
      const c = trimmed[i]!;
      if (c === '"') return out;
      // In double quotes the shell only unescapes these; `\n` stays a backslash and an n.
      if (c === '\\' && i + 1 < trimmed.length && '"\\$`'.includes(trimmed[i + 1]!)) {
        out += trimmed[++i];
      } else {
        out += c;
      }
    }
    return null; // unterminated quote: not a value we can trust
  }
  // A bare word ends at whitespace; what follows is a comment or another command.
  return /^[^\s#]*/.exec(trimmed)![0];
}

/**
 * Validates DCI_CS_URL and normalises it to the API origin the client expects: http(s) only,
 * no embedded credentials, no query or fragment, trailing slashes and `/api/v1` removed.
 */
export function normalizeDciUrl(raw: string, variable = 'DCI_CS_URL'): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CredentialsError(variable, 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CredentialsError(variable, 'must be an http:// or https:// URL');
  }
  // The URL is not echoed anywhere, but a password in it would end up in pool keys and logs.
  if (url.username || url.password) {
    throw new CredentialsError(variable, 'must not contain a user name or password');
  }
  if (url.search || url.hash) {
    throw new CredentialsError(variable, 'must not contain a query string or fragment');
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return url.origin + path;
}

/**
 * Reads the DCI settings from environment variables, falling back to a `dcirc.sh` text for the
 * ones the environment leaves unset or empty:
 *
 * - `DCI_CS_URL` (default {@link DEFAULT_DCI_CS_URL});
 * - `DCI_CLIENT_ID` + `DCI_API_SECRET`: HMAC (remoteci or feeder);
 * - `DCI_LOGIN` + `DCI_PASSWORD`: Basic (users);
 * - `DCI_TOKEN`: Bearer (an SSO access token).
 *
 * No credentials gives `auth: null`. Half a pair, a malformed value, or two mechanisms at once
 * throw a {@link CredentialsError} naming the variable.
 */
export function loadDciSettings(
  env: Record<string, string | undefined>,
  dcircText?: string,
): DciSettings {
  const fromFile = dcircText === undefined ? {} : parseDcirc(dcircText);
  const read = (name: string): string | undefined => {
    const value = (env[name] ?? '').trim() || (fromFile[name] ?? '').trim();
    return value === '' ? undefined : value;
  };

  const url = normalizeDciUrl(read('DCI_CS_URL') ?? DEFAULT_DCI_CS_URL);

  const hmac = pick(read, 'DCI_CLIENT_ID', 'DCI_API_SECRET');
  const basic = pick(read, 'DCI_LOGIN', 'DCI_PASSWORD');
  const token = read('DCI_TOKEN');
  const configured = [
    hmac && 'DCI_CLIENT_ID/DCI_API_SECRET',
    basic && 'DCI_LOGIN/DCI_PASSWORD',
    token && 'DCI_TOKEN',
  ].filter((x): x is string => typeof x === 'string');
  if (configured.length > 1) {
    // Guessing which one was meant could silently act as the wrong identity.
    throw new CredentialsError(configured.join(' and '), 'are both set: configure only one');
  }

  if (hmac) {
    const key = parseAccessKey(hmac[0], 'DCI_CLIENT_ID');
    if (!HEADER_TOKEN.test(hmac[1])) {
      throw new CredentialsError('DCI_API_SECRET', 'contains spaces or non-ASCII characters');
    }
    return { url, auth: { kind: 'hmac', accessKey: `${key.type}/${key.id}`, secret: hmac[1] } };
  }
  if (basic) {
    const [login, password] = basic;
    // Basic auth splits `login:password` at the first colon, so a login cannot hold one.
    if (login.includes(':') || hasControlChar(login)) {
      throw new CredentialsError('DCI_LOGIN', 'must not contain a colon or control characters');
    }
    if (hasControlChar(password)) {
      throw new CredentialsError('DCI_PASSWORD', 'must not contain control characters');
    }
    return { url, auth: { kind: 'basic', login, password } };
  }
  if (token) {
    if (/^bearer\s/i.test(token)) {
      throw new CredentialsError('DCI_TOKEN', "must be the bare token, without 'Bearer '");
    }
    if (!HEADER_TOKEN.test(token)) {
      throw new CredentialsError('DCI_TOKEN', 'contains spaces or non-ASCII characters');
    }
    return { url, auth: { kind: 'bearer', token } };
  }
  return { url, auth: null };
}

function hasControlChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Both halves of a credential pair, `undefined` when neither is set; half a pair throws. */
function pick(
  read: (name: string) => string | undefined,
  first: string,
  second: string,
): [string, string] | undefined {
  const a = read(first);
  const b = read(second);
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined) throw new CredentialsError(first, `is missing (${second} is set)`);
  if (b === undefined) throw new CredentialsError(second, `is missing (${first} is set)`);
  return [a, b];
}

/**
 * Every field of a credential, secret parts included, in a fixed order: what identity keys
 * (response cache, live pollers, role lookups) hash. Only ever passed to a hash, never stored.
 */
export function credentialMaterial(auth: DciAuth): string[] {
  switch (auth.kind) {
    case 'hmac':
      return ['hmac', auth.accessKey, auth.secret, auth.algorithm ?? ''];
    case 'basic':
      return ['basic', auth.login, auth.password];
    case 'bearer':
      return ['bearer', auth.token];
  }
}

/** A label for logs and diagnostics: `remoteci/<uuid>`, `user <login>`, `bearer token`. */
export function describeAuth(auth: DciAuth): string {
  switch (auth.kind) {
    case 'hmac':
      return auth.accessKey;
    case 'basic':
      return `user ${auth.login}`;
    case 'bearer':
      return 'bearer token';
  }
}
