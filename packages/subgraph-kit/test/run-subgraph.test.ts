import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger, runSubgraph } from '../src/index.js';

interface Harness {
  readonly signals: EventEmitter;
  readonly exits: number[];
  readonly logs: { level: string; msg: string }[];
  readonly exited: Promise<number>;
}

function harness(): Harness & { exit: (code: number) => void } {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const logs: { level: string; msg: string }[] = [];
  let onExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (onExit = resolve));
  const exit = (code: number) => {
    exits.push(code);
    onExit(code);
  };
  return { signals, exits, logs, exited, exit };
}

function loggerFor(logs: { level: string; msg: string }[]) {
  return createLogger({
    service: 'run-test',
    level: 'debug',
    destination: {
      write: (line: string) => void logs.push(JSON.parse(line) as { level: string; msg: string }),
    },
  });
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runSubgraph', () => {
  it('logs the URL once started and exits 0 after stop() on SIGTERM', async () => {
    const h = harness();
    const calls: string[] = [];
    runSubgraph({
      start: () =>
        Promise.resolve({
          url: 'http://127.0.0.1:1234/graphql',
          stop: () => Promise.resolve(void calls.push('stop')),
        }),
      logger: loggerFor(h.logs),
      graceMs: 1_000,
      signals: h.signals,
      exit: h.exit,
    });
    await tick();
    expect(h.logs.some((l) => l.msg.includes('http://127.0.0.1:1234/graphql'))).toBe(true);
    h.signals.emit('SIGTERM', 'SIGTERM');
    expect(await h.exited).toBe(0);
    expect(calls).toEqual(['stop']);
  });

  it('waits for stop() to finish draining before exiting', async () => {
    const h = harness();
    let finishDrain!: () => void;
    const drained = new Promise<void>((resolve) => (finishDrain = resolve));
    runSubgraph({
      start: () => Promise.resolve({ url: 'u', stop: () => drained }),
      logger: loggerFor(h.logs),
      graceMs: 5_000,
      signals: h.signals,
      exit: h.exit,
    });
    await tick();
    h.signals.emit('SIGINT', 'SIGINT');
    await tick();
    expect(h.exits).toEqual([]);
    finishDrain();
    expect(await h.exited).toBe(0);
  });

  it('exits 1 with the cause logged when startup fails', async () => {
    const h = harness();
    runSubgraph({
      start: () => Promise.reject(new Error('Could not connect to MongoDB')),
      logger: loggerFor(h.logs),
      graceMs: 1_000,
      signals: h.signals,
      exit: h.exit,
    });
    expect(await h.exited).toBe(1);
    const fatal = h.logs.find((l) => l.level === 'fatal');
    expect(fatal?.msg).toContain('Could not connect to MongoDB');
    expect(h.signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('stops right after startup when a signal arrived during it', async () => {
    const h = harness();
    let finishStart!: () => void;
    const calls: string[] = [];
    runSubgraph({
      start: () =>
        new Promise((resolve) => {
          finishStart = () =>
            resolve({ url: 'u', stop: () => Promise.resolve(void calls.push('stop')) });
        }),
      logger: loggerFor(h.logs),
      graceMs: 1_000,
      signals: h.signals,
      exit: h.exit,
    });
    h.signals.emit('SIGTERM', 'SIGTERM');
    await tick();
    expect(h.exits).toEqual([]);
    finishStart();
    expect(await h.exited).toBe(0);
    expect(calls).toEqual(['stop']);
  });

  it('exits 1 at once on a second signal during shutdown', async () => {
    const h = harness();
    runSubgraph({
      start: () => Promise.resolve({ url: 'u', stop: () => new Promise<void>(() => undefined) }),
      logger: loggerFor(h.logs),
      graceMs: 60_000,
      signals: h.signals,
      exit: h.exit,
    });
    await tick();
    h.signals.emit('SIGTERM', 'SIGTERM');
    h.signals.emit('SIGINT', 'SIGINT');
    expect(await h.exited).toBe(1);
  });

  it('exits 1 when stop() fails', async () => {
    const h = harness();
    runSubgraph({
      start: () =>
        Promise.resolve({ url: 'u', stop: () => Promise.reject(new Error('close failed')) }),
      logger: loggerFor(h.logs),
      graceMs: 1_000,
      signals: h.signals,
      exit: h.exit,
    });
    await tick();
    h.signals.emit('SIGTERM', 'SIGTERM');
    expect(await h.exited).toBe(1);
  });
});
