import { describe, expect, it } from 'vitest';
import { createOutputPrinter, formatLogLine } from '../src/output-printer.js';

describe('formatLogLine', () => {
  it('shortens a pino line to level, message and the extra fields', () => {
    const line = JSON.stringify({
      level: 30,
      time: 1,
      pid: 2,
      hostname: 'h',
      service: 'catalog',
      msg: 'listening',
      port: 4002,
      tags: ['a'],
    });
    expect(formatLogLine(line)).toBe('INFO listening port=4002 tags=["a"]');
  });

  it('shows a logged error by its message, with the stack below', () => {
    const line = JSON.stringify({
      level: 60,
      msg: 'failed to start',
      err: {
        type: 'Error',
        message: 'listen EADDRINUSE',
        stack: 'Error: listen EADDRINUSE\n    at x',
      },
    });
    expect(formatLogLine(line)).toBe(
      'FATAL failed to start err="listen EADDRINUSE"\nError: listen EADDRINUSE\n    at x',
    );
  });

  it('passes other lines through unchanged', () => {
    expect(formatLogLine('plain text')).toBe('plain text');
    expect(formatLogLine('{not json')).toBe('{not json');
    expect(formatLogLine('{"no":"level"}')).toBe('{"no":"level"}');
  });
});

describe('createOutputPrinter', () => {
  it('prefixes each line with its service name, aligned to the longest name', () => {
    const out: string[] = [];
    const print = createOutputPrinter({
      names: ['redis', 'accounts', 'gateway'],
      color: false,
      write: (text) => out.push(text),
    });
    print('redis', 'Ready to accept connections');
    print('accounts', '{"level":50,"msg":"boom"}');
    expect(out).toEqual(['redis    | Ready to accept connections\n', 'accounts | ERROR boom\n']);
  });

  it('colours the prefix when asked', () => {
    const out: string[] = [];
    createOutputPrinter({ names: ['gateway'], color: true, write: (t) => out.push(t) })(
      'gateway',
      'hi',
    );
    expect(out[0]).toBe('\u001b[36mgateway |\u001b[0m hi\n');
  });
});
