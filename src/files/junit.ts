/**
 * JUnit reports parsed as they stream in from DCI (`GET /files/<id>/content`), with saxes, a
 * streaming, non-validating XML parser that never fetches anything.
 *
 * A JUnit file is untrusted input, so the parser is held to bounds:
 * - no DTD at all: a `<!DOCTYPE` fails the report (JUnit never needs one), which rules out
 *   external entities (XXE) and entity expansion bombs before saxes would even refuse them;
 *   only XML's five predefined entities and character references are decoded;
 * - at most {@link MAX_JUNIT_BYTES} bytes are read (the download is cancelled beyond) and at
 *   most {@link MAX_TEST_CASES} test cases are kept;
 * - every kept string is cut: names and messages at {@link MAX_TEXT}, outputs at
 *   {@link MAX_OUTPUT} characters; text beyond is never accumulated.
 * A file that breaks a bound or is not well-formed XML is a {@link JunitError}, which the
 * field reading it reports with its code; nothing else of the response is affected.
 */
import { SaxesParser } from 'saxes';
import { gatewayError } from '../errors.js';
import type { Edge, Page } from '../loaders/page.js';

/** Largest JUnit file read: 32 MiB. */
export const MAX_JUNIT_BYTES = 32 * 1024 * 1024;
/** Most test cases kept from one file. */
export const MAX_TEST_CASES = 100_000;
/** Longest name, class name or message kept (characters). */
export const MAX_TEXT = 1024;
/** Longest output kept (characters): failure details, then system-out and system-err. */
export const MAX_OUTPUT = 8192;

/** The outcome of a test case, as GraphQL's TestCaseStatus. */
export type TestCaseStatus = 'PASSED' | 'FAILURE' | 'ERROR' | 'SKIPPED';

/** One test case of a report. */
export interface JunitTestCase {
  name: string;
  classname: string | null;
  /** The enclosing `<testsuite name>`. */
  suite: string | null;
  /** Seconds. */
  time: number | null;
  status: TestCaseStatus;
  message: string | null;
  /** Failure or error details, system-out and system-err, cut at {@link MAX_OUTPUT}. */
  output: string | null;
  /** The JUnit file the case was read from. */
  fileId: string;
}

/** Page and edge parents of TestCaseConnection and TestCaseEdge (codegen mappers). */
export type TestCasePage = Page<JunitTestCase>;
export type TestCaseEdgeParent = Edge<JunitTestCase>;

/** Why a report could not be read. */
export type JunitErrorCode = 'JUNIT_MALFORMED' | 'JUNIT_TOO_LARGE';

/** A report that is not well-formed, uses a DTD, or breaks a size bound. */
export class JunitError extends Error {
  constructor(
    readonly code: JunitErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JunitError';
  }
}

/** The GraphQL error of a JunitError, naming the file. */
export function junitGraphQLError(error: JunitError, fileId: string) {
  return gatewayError(`JUnit file ${fileId}: ${error.message}`, { code: error.code, fileId });
}

const BROKEN: Record<string, TestCaseStatus> = {
  failure: 'FAILURE',
  error: 'ERROR',
  skipped: 'SKIPPED',
};
const RANK: Record<TestCaseStatus, number> = { PASSED: 0, SKIPPED: 1, FAILURE: 2, ERROR: 3 };

/** A string that stops growing at `max` characters. */
class Bounded {
  text = '';
  cut = false;
  constructor(private readonly max: number) {}
  add(part: string): void {
    if (this.cut) return;
    const room = this.max - this.text.length;
    if (part.length > room) {
      this.text += part.slice(0, room);
      this.cut = true;
    } else this.text += part;
  }
  value(): string {
    return this.cut ? `${this.text}\n[... cut at ${this.max} characters]` : this.text;
  }
}

const cut = (value: string | undefined) =>
  value === undefined ? null : value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;

/**
 * Parses a JUnit report from its content's chunks, reading at most `maxBytes` bytes. The
 * caller cancels the download when this returns or throws.
 */
export async function parseJunit(
  chunks: AsyncIterable<Uint8Array>,
  fileId: string,
  maxBytes = MAX_JUNIT_BYTES,
): Promise<JunitTestCase[]> {
  const parser = new SaxesParser({ position: false });
  const cases: JunitTestCase[] = [];
  const suites: (string | null)[] = [];
  let current: {
    row: JunitTestCase;
    details: Bounded;
    output: Bounded;
    /** Inside <failure>/<error>/<skipped> (details) or <system-out>/<system-err> (output). */
    sink: Bounded | null;
  } | null = null;
  let failure: JunitError | null = null;
  const stop = (code: JunitErrorCode, message: string) => {
    failure ??= new JunitError(code, message);
  };

  parser.on('doctype', () => stop('JUNIT_MALFORMED', 'a DOCTYPE is not allowed in a JUnit file'));
  parser.on('opentag', (tag) => {
    // Without xmlns processing, attribute values are plain strings.
    const attributes = tag.attributes as Record<string, string>;
    const attr = (name: string): string | undefined => attributes[name];
    switch (tag.name) {
      case 'testsuite':
        suites.push(cut(attr('name')));
        return;
      case 'testcase': {
        if (cases.length >= MAX_TEST_CASES) {
          stop('JUNIT_TOO_LARGE', `more than ${MAX_TEST_CASES} test cases`);
          return;
        }
        const time = Number.parseFloat(attr('time') ?? '');
        current = {
          row: {
            name: cut(attr('name')) ?? '',
            classname: cut(attr('classname')),
            suite: suites.at(-1) ?? null,
            time: Number.isFinite(time) ? time : null,
            status: 'PASSED',
            message: null,
            output: null,
            fileId,
          },
          details: new Bounded(MAX_OUTPUT),
          output: new Bounded(MAX_OUTPUT),
          sink: null,
        };
        return;
      }
    }
    if (!current) return;
    const status = BROKEN[tag.name];
    if (status) {
      if (RANK[status] > RANK[current.row.status]) current.row.status = status;
      current.row.message ??= cut(attr('message'));
      current.sink = current.details;
    } else if (tag.name === 'system-out' || tag.name === 'system-err') {
      current.sink = current.output;
    }
  });
  const onText = (text: string) => {
    current?.sink?.add(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    if (tag.name === 'testsuite') suites.pop();
    else if (tag.name === 'testcase' && current) {
      const { row, details, output } = current;
      const detailText = details.value().trim();
      if (row.message === null && detailText) row.message = cut(detailText.split('\n')[0]);
      const combined = new Bounded(MAX_OUTPUT);
      combined.add([detailText, output.value().trim()].filter(Boolean).join('\n'));
      row.output = combined.text ? combined.value() : null;
      cases.push(row);
      current = null;
    } else if (current && tag.name !== 'testcase') {
      if (BROKEN[tag.name] || tag.name === 'system-out' || tag.name === 'system-err') {
        current.sink = null;
      }
    }
  });

  const decoder = new TextDecoder('utf-8');
  let read = 0;
  const feed = (text: string) => {
    try {
      parser.write(text);
    } catch (error) {
      stop('JUNIT_MALFORMED', `not well-formed XML (${reason(error)})`);
    }
  };
  for await (const chunk of chunks) {
    read += chunk.length;
    if (read > maxBytes) {
      stop('JUNIT_TOO_LARGE', `larger than ${maxBytes} bytes`);
      break;
    }
    feed(decoder.decode(chunk, { stream: true }));
    if (failure) break;
  }
  if (!failure) {
    feed(decoder.decode());
    try {
      parser.close();
    } catch (error) {
      stop('JUNIT_MALFORMED', `not well-formed XML (${reason(error)})`);
    }
  }
  if (failure) throw failure;
  return cases;
}

/** saxes' message without its position prefix, cut short. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^[^:]*:\d+:\d+: /, '').slice(0, 200);
}
