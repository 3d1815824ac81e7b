/**
 * The pre-execution checks (operation limits, argument walk) remember what passed per document
 * (src/plugins/memo.ts). What a pass is remembered for must be exactly its inputs: the same
 * document with other variables, or another operation of it, is checked again.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_PER_DOCUMENT, PassedChecks } from '../../src/plugins/memo.js';
import { useTinyGateway } from './helpers.js';

const tiny = useTinyGateway({}, { production: true });

describe('remembered passes never let other inputs through', () => {
  const doc = 'query Page($n: Int, $f: JobFilter) { jobs(first: $n, filter: $f) { nodes { id } } }';

  it('a page size that passed does not let a larger one through on the same document', async () => {
    const ok = await tiny.gw.query(doc, { variables: { n: 2 }, headers: tiny.partner });
    expect(ok.body.errors).toBeUndefined();
    const big = await tiny.gw.query(doc, { variables: { n: 100000 }, headers: tiny.partner });
    expect(big.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(big.body.data).toBeUndefined();
  });

  it('a filter that passed does not let a malformed one through, before any DCI request', async () => {
    const ok = await tiny.gw.query(doc, {
      variables: { n: 1, f: { status: { eq: 'SUCCESS' } } },
      headers: tiny.partner,
    });
    expect(ok.body.errors).toBeUndefined();
    const before = tiny.emulator.log.count(() => true);
    const bad = await tiny.gw.query(doc, {
      variables: { n: 1, f: { remoteciId: { eq: 'not-a-uuid' } } },
      headers: tiny.partner,
    });
    expect(bad.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(tiny.emulator.log.count(() => true)).toBe(before);
  });

  it('a refusal is answered again on every request, not remembered as a pass', async () => {
    for (let i = 0; i < 2; i++) {
      const big = await tiny.gw.query(doc, { variables: { n: 100000 }, headers: tiny.partner });
      expect(big.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('each operation of a document is checked on its own', async () => {
    const two =
      'query Small { jobs(first: 1) { nodes { id } } } query Big { jobs(first: 201) { nodes { id } } }';
    const small = await tiny.gw.query(two, { operationName: 'Small', headers: tiny.partner });
    expect(small.body.errors).toBeUndefined();
    const big = await tiny.gw.query(two, { operationName: 'Big', headers: tiny.partner });
    expect(big.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

/** A check that passes, counting its runs. */
function passingCheck(): (() => null) & { runs: number } {
  const check = () => {
    check.runs += 1;
    return null;
  };
  check.runs = 0;
  return check;
}

describe('PassedChecks', () => {
  const document = parse('{ version }');

  it('runs a check once per (document, operation, variables) that passed', () => {
    const passed = new PassedChecks();
    const check = passingCheck();
    passed.run(document, null, { a: 1 }, check);
    passed.run(document, null, { a: 1 }, check);
    expect(check.runs).toBe(1);
    passed.run(document, null, { a: 2 }, check);
    passed.run(document, 'Other', { a: 1 }, check);
    passed.run(parse('{ version }'), null, { a: 1 }, check);
    expect(check.runs).toBe(4);
  });

  it('returns every refusal and keeps none', () => {
    const passed = new PassedChecks();
    let runs = 0;
    const refuse = () => {
      runs += 1;
      return new Error(`refused ${runs}`);
    };
    expect(passed.run(document, null, null, refuse)?.message).toBe('refused 1');
    expect(passed.run(document, null, null, refuse)?.message).toBe('refused 2');
  });

  it(`keeps at most ${MAX_PER_DOCUMENT} variable sets per document, dropping the oldest`, () => {
    const passed = new PassedChecks();
    const check = passingCheck();
    for (let i = 0; i <= MAX_PER_DOCUMENT; i++) passed.run(document, null, { i }, check);
    expect(check.runs).toBe(MAX_PER_DOCUMENT + 1);
    passed.run(document, null, { i: MAX_PER_DOCUMENT }, check); // newest: kept
    expect(check.runs).toBe(MAX_PER_DOCUMENT + 1);
    passed.run(document, null, { i: 0 }, check); // oldest: dropped
    expect(check.runs).toBe(MAX_PER_DOCUMENT + 2);
  });

  it('does not keep variable sets too long to be a key', () => {
    const passed = new PassedChecks();
    const check = passingCheck();
    const big = { s: 'x'.repeat(5000) };
    passed.run(document, null, big, check);
    passed.run(document, null, big, check);
    expect(check.runs).toBe(2);
  });
});
