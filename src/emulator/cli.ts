/**
 * `npm run emulator`: starts the DCI emulator and prints a ready-to-source dcirc.sh for the demo
 * identity (the partner remoteci), with a user login as commented alternatives.
 *
 *   --port N           listen port (default 0: a free port, printed)
 *   --size NAME        tiny | demo | bench (default demo)
 *   --seed N           dataset seed (default 1)
 *   --latency MS       delay before every answer
 *   --write-dcirc PATH also write the dcirc.sh to PATH
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Emulator, startEmulator } from './index.js';

/** Renders the dcirc.sh text for an emulator's demo identity. */
function dcircFor(emulator: Emulator): string {
  const ids = emulator.fixtures.identities as unknown as Record<string, FixtureLike>;
  const remoteci = ids['partnerRemoteci'];
  const user = ids['partnerUser'];
  const lines = [`# DCI emulator at ${emulator.url}`, `export DCI_CS_URL=${emulator.url}`];
  if (remoteci?.auth.kind === 'hmac') {
    lines.push(
      `export DCI_CLIENT_ID=${remoteci.auth.accessKey}`,
      `export DCI_API_SECRET=${remoteci.auth.secret}`,
    );
  }
  if (user?.auth.kind === 'basic') {
    lines.push(
      '# or, as a user:',
      `# export DCI_LOGIN=${user.auth.login}`,
      `# export DCI_PASSWORD=${user.auth.password}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface FixtureLike {
  auth:
    | { kind: 'hmac'; accessKey: string; secret: string }
    | { kind: 'basic'; login: string; password: string }
    | { kind: 'bearer'; token: string };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      size: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '1' },
      latency: { type: 'string', default: '0' },
      'write-dcirc': { type: 'string' },
    },
  });
  const size = values.size as 'tiny' | 'demo' | 'bench';
  if (!['tiny', 'demo', 'bench'].includes(size)) throw new Error(`unknown --size ${values.size}`);
  const emulator = await startEmulator({
    port: Number(values.port),
    size,
    seed: Number(values.seed),
    latencyMs: Number(values.latency),
  });
  const dcirc = dcircFor(emulator);
  console.log(`DCI emulator listening on ${emulator.url}/api/v1`);
  console.log(dcirc);
  if (values['write-dcirc']) {
    writeFileSync(values['write-dcirc'], dcirc, { mode: 0o600 });
    console.log(`# written to ${values['write-dcirc']}`);
  }
  const stop = () => {
    emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
