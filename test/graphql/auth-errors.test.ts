import { describe, expect, it } from 'vitest';
import { requestCredentials } from '../../src/auth.js';
import { DciHttpError, DciNetworkError } from '../../src/dci/errors.js';
import { codeOf, isInvisible, toGraphQLError } from '../../src/errors.js';

const ID = '1d5f8a64-3b2c-4f3e-9a7d-2c6b0e9f4a11';
const SECRET = 'Zq3YbG7tR1vN8xK2mP5sW9dF4hJ6lC0aE3uI7oQ1yT5rB8nM2kV4gX6zD9wS0pL3';
const request = (headers: Record<string, string>) =>
  new Request('http://gateway/graphql', { headers });

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('credentials from request headers', () => {
  it('forwards Basic and Bearer credentials', () => {
    const basic = Buffer.from('alice:s3cr:et').toString('base64');
    expect(requestCredentials(request({ authorization: `Basic ${basic}` }), {}).auth).toEqual({
      kind: 'basic',
      login: 'alice',
      password: 's3cr:et',
    });
    expect(requestCredentials(request({ authorization: 'Bearer a.b.c' }), {}).auth).toEqual({
      kind: 'bearer',
      token: 'a.b.c',
    });
  });

  it('signs for a remoteci given its client id and secret, a bare uuid meaning a remoteci', () => {
    const creds = requestCredentials(
      request({
        'x-dci-client-id': ID.toUpperCase(),
        'x-dci-api-secret': SECRET,
        'x-dci-team-id': ID,
      }),
      {},
    );
    expect(creds).toEqual({
      auth: { kind: 'hmac', accessKey: `remoteci/${ID}`, secret: SECRET },
      teamId: ID,
      service: false,
    });
  });

  it('falls back to the service credentials, or to none', () => {
    const service = { kind: 'bearer', token: 'svc' } as const;
    expect(requestCredentials(request({}), { serviceAuth: service })).toMatchObject({
      auth: service,
      service: true,
    });
    expect(requestCredentials(request({}), {}).auth).toBeNull();
  });

  it.each([
    [{ authorization: 'Digest abc' }],
    [{ authorization: 'Basic !!!' }],
    [{ 'x-dci-client-id': `remoteci/${ID}` }],
    [{ 'x-dci-api-secret': SECRET }],
    [{ 'x-dci-client-id': `user/${ID}`, 'x-dci-api-secret': SECRET }],
    [{ 'x-dci-client-id': `remoteci/${ID}`, 'x-dci-api-secret': `${SECRET}!` }],
    [{ authorization: 'Bearer x', 'x-dci-team-id': 'team-a' }],
  ])('refuses %j as UNAUTHENTICATED without echoing a secret', (headers) => {
    const error = thrown(() => requestCredentials(request(headers), {})) as Error & {
      extensions: Record<string, unknown>;
    };
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(error.message).not.toContain(SECRET);
  });
});

describe('DCI errors as GraphQL error codes', () => {
  const http = (status: number, dciMessage: string | null, route = '/jobs') =>
    new DciHttpError({
      status,
      method: 'GET',
      route,
      dciMessage,
      bodyKind: 'json',
      detail: dciMessage ?? '',
    });

  it.each([
    [http(404, 'job not found', '/jobs/:id'), 'NOT_FOUND'],
    [http(401, 'Invalid user credentials'), 'UNAUTHENTICATED'],
    [http(401, 'Operation not authorized.'), 'FORBIDDEN'],
    [http(400, 'HmacMechanism failed: signature is expired'), 'UNAUTHENTICATED'],
    [http(404, 'remoteci not found', '/jobs'), 'UNAUTHENTICATED'],
    [http(404, 'remoteci not found', '/remotecis/:id'), 'NOT_FOUND'],
    [http(400, 'Request malformed'), 'BAD_USER_INPUT'],
    [http(409, 'update failed, either team not found or etag not matched'), 'ETAG_MISMATCH'],
    [http(409, 'A similar resource already exists.'), 'CONFLICT'],
    [http(412, "'If-match' header must be provided"), 'PRECONDITION_FAILED'],
    [http(503, null), 'DCI_UNAVAILABLE'],
    [http(418, null), 'UPSTREAM_ERROR'],
  ])('maps %s to %s', (error, code) => {
    expect(codeOf(error)).toBe(code);
    expect(toGraphQLError(error)).toMatchObject({
      extensions: { code, upstreamStatus: error.status },
    });
  });

  it('maps network failures to DCI_UNAVAILABLE and leaves other errors to masking', () => {
    expect(toGraphQLError(new DciNetworkError('timeout', 'GET', '/jobs'))).toMatchObject({
      extensions: { code: 'DCI_UNAVAILABLE' },
    });
    const bug = new TypeError('x is undefined');
    expect(toGraphQLError(bug)).toBe(bug);
  });

  it('treats 404 and permission denials as invisible objects', () => {
    expect(isInvisible(http(404, 'topic not found'))).toBe(true);
    expect(isInvisible(http(401, 'Operation not authorized.'))).toBe(true);
    expect(isInvisible(http(401, 'Invalid user credentials'))).toBe(false);
  });
});
