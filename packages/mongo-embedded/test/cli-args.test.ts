import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';

describe('parseCliArgs', () => {
  it('reads the port and the optional dbpath, in both flag forms', () => {
    expect(parseCliArgs(['--port', '0'])).toEqual({ ok: true, port: 0 });
    expect(parseCliArgs(['--port=27017', '--dbpath', '/tmp/x'])).toEqual({
      ok: true,
      port: 27017,
      dbPath: '/tmp/x',
    });
  });

  it('rejects a missing port, a bad port, a missing value and unknown flags', () => {
    expect(parseCliArgs([])).toMatchObject({ ok: false, error: '--port is required' });
    expect(parseCliArgs(['--port', '70000'])).toMatchObject({ ok: false });
    expect(parseCliArgs(['--port', '-1'])).toMatchObject({ ok: false });
    expect(parseCliArgs(['--port'])).toMatchObject({ ok: false, error: '--port needs a value' });
    expect(parseCliArgs(['--port', '1', '--verbose'])).toMatchObject({ ok: false });
  });
});
