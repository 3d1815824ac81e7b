/**
 * Per-request DCI credentials (DESIGN.md "GraphQL layer"). The gateway holds no session: each
 * GraphQL request carries the caller's own credentials and every DCI call is made with them.
 *
 * - `Authorization: Basic ...` or `Bearer ...` is forwarded unchanged (users).
 * - `X-Dci-Client-Id: remoteci/<uuid>` + `X-Dci-Api-Secret: <secret>`: the gateway signs for a
 *   remoteci or feeder (HMAC, REST-REFERENCE §2.1).
 * - none of these: the service credentials, when the gateway is configured with them.
 *
 * Errors never repeat a secret, password or token.
 */
import { CredentialsError, type DciAuth, parseAccessKey } from './dci/credentials.js';
import { isUuid } from './dci/query.js';
import { unauthenticatedError } from './errors.js';

/** The options credentialsFromRequest reads (a subset of GatewayOptions). */
export interface AuthOptions {
  /** Credentials for requests that carry none; null or absent: such requests are anonymous. */
  serviceAuth?: DciAuth | null;
}

/** What a request authenticates as, and the DCI team it scopes itself to. */
export interface RequestCredentials {
  /** null: no credentials at all (only introspection and `version` work). */
  auth: DciAuth | null;
  /** `X-Dci-Team-Id`, forwarded to DCI (it restricts users to one team, §2.4). */
  teamId: string | undefined;
  /** True when the service credentials stand in for the caller's. */
  service: boolean;
}

const SECRET = /^[A-Za-z0-9]{1,256}$/;

/**
 * The DCI credentials of a request, or null when it has none and no service credentials are
 * configured. Throws UNAUTHENTICATED for malformed credentials.
 */
export function credentialsFromRequest(request: Request, options: AuthOptions): DciAuth | null {
  return requestCredentials(request, options).auth;
}

/** Like {@link credentialsFromRequest}, with the team scope and whether the service stood in. */
export function requestCredentials(request: Request, options: AuthOptions): RequestCredentials {
  const teamId = teamIdOf(request);
  const own = ownCredentials(request);
  if (own) return { auth: own, teamId, service: false };
  const auth = options.serviceAuth ?? null;
  return { auth, teamId, service: auth !== null };
}

function ownCredentials(request: Request): DciAuth | null {
  const clientId = request.headers.get('x-dci-client-id');
  const secret = request.headers.get('x-dci-api-secret');
  const authorization = request.headers.get('authorization');
  if (clientId !== null || secret !== null) {
    if (authorization !== null) {
      throw unauthenticatedError(
        'Send either Authorization or X-Dci-Client-Id/X-Dci-Api-Secret, not both.',
      );
    }
    return hmacCredentials(clientId, secret);
  }
  if (authorization === null) return null;
  const [scheme = '', ...rest] = authorization.trim().split(/\s+/);
  const value = rest.join(' ');
  if (/^basic$/i.test(scheme) && rest.length === 1) return basicCredentials(value);
  if (/^bearer$/i.test(scheme) && rest.length === 1) return { kind: 'bearer', token: value };
  throw unauthenticatedError(
    'Unsupported Authorization header: use "Basic <base64 login:password>" or "Bearer <token>", or X-Dci-Client-Id and X-Dci-Api-Secret for a remoteci.',
  );
}

function hmacCredentials(clientId: string | null, secret: string | null): DciAuth {
  if (clientId === null)
    throw unauthenticatedError('X-Dci-Api-Secret is set but X-Dci-Client-Id is missing.');
  if (secret === null)
    throw unauthenticatedError('X-Dci-Client-Id is set but X-Dci-Api-Secret is missing.');
  let accessKey: string;
  try {
    const key = parseAccessKey(clientId, 'X-Dci-Client-Id');
    accessKey = `${key.type}/${key.id}`;
  } catch (error) {
    if (error instanceof CredentialsError) throw unauthenticatedError(error.message);
    throw error;
  }
  if (!SECRET.test(secret.trim())) {
    throw unauthenticatedError('X-Dci-Api-Secret is malformed: expected letters and digits only.');
  }
  return { kind: 'hmac', accessKey, secret: secret.trim() };
}

function basicCredentials(encoded: string): DciAuth {
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded)
    ? Buffer.from(encoded, 'base64').toString('utf8')
    : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0) {
    throw unauthenticatedError('Malformed Basic credentials: expected base64 of "login:password".');
  }
  return { kind: 'basic', login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function teamIdOf(request: Request): string | undefined {
  const raw = request.headers.get('x-dci-team-id');
  if (raw === null || raw.trim() === '') return undefined;
  if (!isUuid(raw.trim())) throw unauthenticatedError('X-Dci-Team-Id must be a team UUID.');
  return raw.trim().toLowerCase();
}
