/**
 * `npm run emulator`: starts the DCI emulator and prints a ready-to-source dcirc.sh for the demo
 * identity (the partner remoteci), with a user login as commented alternatives. `--help` lists
 * the options ({@link HELP}); an unknown option is a usage error (exit code 2).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DATASET_SIZES, type DatasetSizeName } from './dataset.js';
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

/** The `--help` text: what the emulator is and every option with its default. */
export const HELP = `DCI emulator: an in-memory DCI REST API (/api/v1) with seeded sample data

Usage: npm run emulator -- [options]    (or: npx tsx src/emulator/cli.ts [options])

Options:
  --port N            listen port on 127.0.0.1 (default 0: a free port, printed)
  --size NAME         dataset: tiny | demo | bench | large (default demo; large is
                      200,000 jobs: about 5 s to build, about 330 MB of memory)
  --seed N            dataset seed; the same seed gives the same ids and secrets (default 1)
  --latency MS        delay before every answer (default 0)
  --write-dcirc PATH  also write the dcirc.sh to PATH (mode 600)
  -h, --help          print this help and exit

It prints its URL and a dcirc.sh for its demo remote CI (DCI_CS_URL, DCI_CLIENT_ID,
DCI_API_SECRET) with a user login as a commented alternative. SIGINT or SIGTERM stops it.`;

/** The command line, or a usage error naming the option at fault. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string', default: '0' },
        size: { type: 'string', default: 'demo' },
        seed: { type: 'string', default: '1' },
        latency: { type: 'string', default: '0' },
        'write-dcirc': { type: 'string' },
      },
    }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`dci-emulator: ${message}\nRun with --help to list every option.`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const values = parseCommandLine(process.argv.slice(2));
  if (values.help) {
    console.log(HELP);
    return;
  }
  const size = values.size as DatasetSizeName;
  if (!Object.hasOwn(DATASET_SIZES, size)) throw new Error(`unknown --size ${values.size}`);
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
