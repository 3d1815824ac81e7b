import { describe, expect, it } from 'vitest';
import { type OperationAbortedError, OperationSignal } from '../../src/dci/abort.js';

describe('OperationSignal built on first use', () => {
  it('reads a parent given as a function only when its signal is first read', () => {
    let reads = 0;
    const parent = new AbortController();
    const op = new OperationSignal(60_000, {
      parent: () => {
        reads += 1;
        return parent.signal;
      },
    });
    expect(reads).toBe(0);
    const signal = op.signal;
    expect(reads).toBe(1);
    expect(op.signal).toBe(signal);
    parent.abort();
    expect(signal.aborted).toBe(true);
    expect((signal.reason as OperationAbortedError).abortCause).toBe('disconnected');
    op.dispose();
  });

  it('aborts at once when the parent already aborted by the time the signal is read', () => {
    const parent = new AbortController();
    const op = new OperationSignal(60_000, { parent: () => parent.signal });
    parent.abort();
    expect(op.aborted).toBe(false);
    expect(op.signal.aborted).toBe(true);
    expect(op.aborted).toBe(true);
  });

  it('builds an aborted signal, with the reason, when it aborted before anything read it', () => {
    let reads = 0;
    const op = new OperationSignal(60_000, {
      parent: () => {
        reads += 1;
        return undefined;
      },
    });
    op.abort('shutdown');
    expect(op.aborted).toBe(true);
    expect(op.signal.aborted).toBe(true);
    expect((op.signal.reason as OperationAbortedError).abortCause).toBe('shutdown');
    expect(reads).toBe(0);
  });

  it('follows nothing once disposed, and its deadline still aborts a signal never read', async () => {
    const parent = new AbortController();
    const disposed = new OperationSignal(60_000, { parent: () => parent.signal });
    disposed.dispose();
    parent.abort();
    expect(disposed.signal.aborted).toBe(false);
    const short = new OperationSignal(5, {});
    await new Promise((r) => setTimeout(r, 30));
    expect(short.aborted).toBe(true);
    expect((short.signal.reason as OperationAbortedError).abortCause).toBe('deadline');
  });

  it('keeps following the parent after detach (a streamed answer)', () => {
    const parent = new AbortController();
    const op = new OperationSignal(60_000, { parent: () => parent.signal });
    op.detach();
    const signal = op.signal;
    parent.abort();
    expect(signal.aborted).toBe(true);
    op.dispose();
  });
});
