/**
 * The bytes behind `GET /files/<id>/content` (REST-REFERENCE §4.6). Uploaded contents (`POST
 * /files`) and contents a test registers are kept as given; every seeded file's content is
 * generated on demand from its row, deterministically (seeded by the file id), so a dataset of
 * any size costs no memory for its contents. A generated content is exactly `file.size` bytes
 * long: the gateway takes the length of a download from the metadata, as it must with DCI.
 *
 * Seeded files are Ansible-style logs (`text/plain`) and JUnit reports (`application/junit`)
 * whose test cases match the file's result row: passing, failing, erroring and skipped cases.
 */
import { mulberry32 } from './store.js';
import { type EmulatorStore, type FileRow, type ResultRow, rowsWhere } from './store-access.js';

/** Bytes of a file: as is, or a function producing its chunks (for large or lazy contents). */
export type ContentSource =
  | Uint8Array
  | string
  | (() => Iterable<Uint8Array> | AsyncIterable<Uint8Array>);

/** Test case counts of a JUnit report (a result row's). */
export type JunitCounts = Pick<ResultRow, 'total' | 'failures' | 'errors' | 'skips'>;

const CHUNK = 16 * 1024;
/** Upper bounds of one generated test case, by outcome (names, messages and output included). */
const CASE_BYTES = { passed: 200, failed: 900, skipped: 320 };
const JUNIT_FRAME_BYTES = 600;

/**
 * The size a seeded JUnit file needs to hold its test cases: the requested size, or more when
 * the cases do not fit in it. The dataset sets this as the file's `size`.
 */
export function junitFileSize(requested: number, counts: JunitCounts): number {
  const broken = counts.failures + counts.errors;
  const passed = Math.max(0, counts.total - broken - counts.skips);
  const needed =
    JUNIT_FRAME_BYTES +
    passed * CASE_BYTES.passed +
    broken * CASE_BYTES.failed +
    counts.skips * CASE_BYTES.skipped;
  return Math.max(requested, needed);
}

/** Uploaded and registered contents of one emulator, plus the generated ones. */
export class FileContents {
  #stored = new Map<string, ContentSource>();

  /** Sets the content of a file id (uploads, tests: a hostile JUnit, a binary, 100 MB lazily). */
  set(fileId: string, source: ContentSource): void {
    this.#stored.set(fileId.toLowerCase(), source);
  }

  /** Forgets a stored content (the file then gets a generated one). */
  delete(fileId: string): void {
    this.#stored.delete(fileId.toLowerCase());
  }

  /** The chunks of a file's content, produced as they are read. */
  open(store: EmulatorStore, file: FileRow): AsyncIterable<Uint8Array> {
    const stored = this.#stored.get(file.id);
    if (stored !== undefined) return fromSource(stored);
    return toAsync(exactly(generated(store, file), file.size ?? 0));
  }
}

async function* fromSource(source: ContentSource): AsyncIterable<Uint8Array> {
  if (typeof source === 'string') yield Buffer.from(source, 'utf8');
  else if (source instanceof Uint8Array) yield source;
  else yield* source();
}

async function* toAsync(chunks: Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
  yield* chunks;
}

/** Cuts (or pads with newlines) a stream of chunks to exactly `size` bytes. */
function* exactly(chunks: Iterable<Uint8Array>, size: number): Iterable<Uint8Array> {
  let left = size;
  for (const chunk of chunks) {
    if (left <= 0) return;
    const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
    left -= part.length;
    yield part;
  }
  if (left > 0) yield Buffer.alloc(left, 0x0a);
}

function generated(store: EmulatorStore, file: FileRow): Iterable<Uint8Array> {
  const random = seeded(file.id);
  // A file's result is among its job's results.
  const result = rowsWhere(store.results, 'job_id', file.job_id).find((r) => r.file_id === file.id);
  const job = store.jobs.get(file.job_id);
  const topic = job ? (store.topics.get(job.topic_id)?.name ?? '') : '';
  if (file.mime === 'application/junit' || /\.xml$/i.test(file.name)) {
    const counts = result ?? { total: 12, failures: 1, errors: 1, skips: 1 };
    return junitChunks(random, topic, counts, file.size ?? 0);
  }
  const failing = job !== undefined && /^(failure|error)\.log$/.test(file.name);
  return logChunks(random, file.created_at, topic, failing);
}

/** A PRNG in [0, 1) seeded by a string (FNV-1a of the id). */
function seeded(id: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  const next = mulberry32(h >>> 0);
  return () => next() / 4294967296;
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** Lines joined into ~16 KiB chunks. */
function* batched(lines: Iterable<string>): Iterable<Uint8Array> {
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= CHUNK) {
      yield Buffer.from(buffer, 'utf8');
      buffer = '';
    }
  }
  if (buffer) yield Buffer.from(buffer, 'utf8');
}

// --- Ansible logs ---------------------------------------------------------------------------

const TASKS = [
  'dci-openshift-agent : Wait for nodes to be ready',
  'dci-openshift-agent : Get cluster version',
  'dci-rhel-agent : Install the compose repositories',
  'dci-rhel-agent : Provision the system under test',
  'redhatci.ocp.prepare_test_config : Create the test namespace',
  'redhatci.ocp.sno_installer : Generate the install config',
  'Gathering Facts',
  'Upload the JUnit results to DCI',
  'Run the certification test suite',
  'Collect must-gather',
];
const HOSTS = ['jumphost', 'provisioner', 'worker-0', 'worker-1', 'master-0'];

function* logChunks(
  random: () => number,
  createdAt: string,
  topic: string,
  failing: boolean,
): Iterable<Uint8Array> {
  yield* batched(logLines(random, createdAt, topic, failing));
}

function* logLines(
  random: () => number,
  createdAt: string,
  topic: string,
  failing: boolean,
): Iterable<string> {
  let ms = Date.parse(`${createdAt.slice(0, 19)}Z`) || 0;
  const pid = 10_000 + Math.floor(random() * 50_000);
  const stamp = () => {
    ms += Math.floor(random() * 4000);
    const iso = new Date(ms).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)} p=${pid} u=dci n=ansible |`;
  };
  yield `${stamp()} PLAY [Run the DCI agent for ${topic || 'the topic'}] *****************************\n`;
  for (let n = 0; ; n++) {
    const task = pick(random, TASKS);
    yield `${stamp()} TASK [${task}] ${'*'.repeat(20 + Math.floor(random() * 30))}\n`;
    const host = pick(random, HOSTS);
    const roll = random();
    if (failing && n % 25 === 24) {
      yield `${stamp()} fatal: [${host}]: FAILED! => {"changed": false, "msg": "Timed out waiting for the condition after 600 seconds", "rc": 1}\n`;
      yield `${stamp()} ...ignoring\n`;
    } else if (roll < 0.55) {
      yield `${stamp()} ok: [${host}]\n`;
    } else if (roll < 0.85) {
      yield `${stamp()} changed: [${host}]\n`;
    } else if (roll < 0.95) {
      yield `${stamp()} skipping: [${host}]\n`;
    } else {
      yield `${stamp()} FAILED - RETRYING: [${host}]: ${task} (${Math.floor(random() * 60)} retries left).\n`;
    }
  }
}

// --- JUnit reports --------------------------------------------------------------------------

interface Suite {
  classname: (random: () => number) => string;
  name: (random: () => number, i: number) => string;
}

const OCP: Suite = {
  classname: () => 'openshift-tests',
  name: (random, i) =>
    `[sig-${pick(random, ['network', 'storage', 'apps', 'node', 'auth', 'cli'])}] ${pick(random, [
      'Services should serve a basic endpoint from pods',
      'Pods should be restarted with a liveness probe',
      'PersistentVolumes should mount a volume with ReadWriteOnce',
      'Deployment should run the lifecycle of a Deployment',
      'NetworkPolicy should enforce policy based on PodSelector',
      'oc adm must-gather runs successfully',
    ])} #${i} [Conformance]`,
};
const RHEL: Suite = {
  classname: (random) =>
    `tests.${pick(random, ['kernel', 'storage', 'network', 'selinux', 'boot', 'packaging'])}.test_${pick(random, ['basic', 'regression', 'stress', 'upgrade'])}`,
  name: (random, i) =>
    `test_${pick(random, ['module_load', 'fs_resize', 'nic_bonding', 'policy_denials', 'grub_entries', 'rpm_verify'])}_${i}`,
};
const OSP: Suite = {
  classname: (random) =>
    `tempest.api.${pick(random, ['compute.servers', 'network.ports', 'volume.snapshots', 'image.v2'])}.test_${pick(random, ['create', 'list', 'actions', 'attach'])}.TestJSON`,
  name: (random, i) =>
    `test_${pick(random, ['create_server', 'list_ports', 'snapshot_volume', 'upload_image', 'reboot_server'])}_${i}[id-${Math.floor(random() * 0xffffffff).toString(16)}]`,
};

const FAILURES = [
  ['AssertionError', 'expected 3 ready replicas, got 2'],
  ['AssertionError', 'timed out waiting for the condition'],
  ['TimeoutError', 'operation did not complete within 300s'],
  ['CalledProcessError', "Command 'systemctl is-active sshd' returned non-zero exit status 3"],
];
const ERRORS = [
  ['RuntimeError', 'fixture setup failed: could not reach the registry'],
  ['ConnectionError', 'connection reset by peer while fetching the test image'],
];
const SKIPS = ['requires bare metal', 'not supported on aarch64', 'feature gate disabled'];

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function* junitChunks(
  random: () => number,
  topic: string,
  counts: JunitCounts,
  size: number,
): Iterable<Uint8Array> {
  const suite = topic.startsWith('OCP') ? OCP : topic.startsWith('OSP') ? OSP : RHEL;
  const footer = '  </testsuite>\n</testsuites>\n';
  const lines = junitLines(random, suite, counts);
  let written = 0;
  for (const chunk of batched(lines)) {
    written += chunk.length;
    yield chunk;
  }
  // Pad with the suite's captured output up to the file's size, then close the document.
  const room = size - written - footer.length;
  if (room > 40) {
    const open = '    <system-out>';
    const close = '</system-out>\n';
    const body = Math.max(0, room - open.length - close.length);
    const filler = Buffer.alloc(body, 0x20);
    const note = Buffer.from('collected output of the suite\n', 'utf8');
    note.copy(filler, 0, 0, Math.min(note.length, body));
    yield Buffer.from(open, 'utf8');
    yield filler;
    yield Buffer.from(close, 'utf8');
  }
  yield Buffer.from(footer, 'utf8');
}

function* junitLines(random: () => number, suite: Suite, counts: JunitCounts): Iterable<string> {
  const { total, failures, errors, skips } = counts;
  const outcomes: ('passed' | 'failure' | 'error' | 'skipped')[] = [];
  for (let i = 0; i < total; i++) {
    outcomes.push(
      i < failures
        ? 'failure'
        : i < failures + errors
          ? 'error'
          : i < failures + errors + skips
            ? 'skipped'
            : 'passed',
    );
  }
  // Spread the broken cases through the report, as real runs do.
  for (let i = outcomes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [outcomes[i], outcomes[j]] = [outcomes[j]!, outcomes[i]!];
  }
  const times = outcomes.map(() => Math.round(random() * 120_000) / 1000);
  const time = times.reduce((a, b) => a + b, 0).toFixed(3);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="dci" tests="${total}" failures="${failures}" errors="${errors}" skipped="${skips}" time="${time}">\n`;
  yield `  <testsuite name="${xml(suite.classname(random).split('.').slice(0, 2).join('.'))}" tests="${total}" failures="${failures}" errors="${errors}" skipped="${skips}" time="${time}">\n`;
  for (let i = 0; i < outcomes.length; i++) {
    const head = `    <testcase classname="${xml(suite.classname(random))}" name="${xml(suite.name(random, i + 1))}" time="${times[i]!.toFixed(3)}"`;
    const outcome = outcomes[i]!;
    if (outcome === 'passed') {
      yield `${head}/>\n`;
    } else if (outcome === 'skipped') {
      yield `${head}>\n      <skipped message="${pick(random, SKIPS)}"/>\n    </testcase>\n`;
    } else {
      const [type, message] = pick(random, outcome === 'failure' ? FAILURES : ERRORS)!;
      const tag = outcome === 'failure' ? 'failure' : 'error';
      yield `${head}>\n      <${tag} type="${type}" message="${xml(message!)}">Traceback (most recent call last):\n  File "suite.py", line ${Math.floor(random() * 400) + 1}, in run\n${type}: ${xml(message!)}</${tag}>\n      <system-out>step ${i + 1}: running\nstep ${i + 1}: ${tag}</system-out>\n    </testcase>\n`;
    }
  }
}
