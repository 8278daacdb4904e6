import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LlmSecretError } from './llm-errors';
import { decryptSecret, encryptSecret, parseServerKey, resolveApiKey, Secret, serverKeyFromEnv } from './secret';

const KEY = 'sk-test-0123456789abcdefSECRET';

describe(Secret.name, () => {
  it('issue 15 item 3: the key is absent from JSON, string conversion and inspect, also nested', () => {
    const s = new Secret(KEY);
    const holder = { endpoint: 'x', apiKey: s, nested: { list: [s] } };
    for (const text of [JSON.stringify(holder), String(s), `${s}`, inspect(holder, { depth: 10, showHidden: true }), inspect(s, { showHidden: true })]) {
      expect(text).not.toContain(KEY);
      expect(text).toContain('redacted');
    }
    expect(s.reveal()).toBe(KEY);
  });

  it('redacts the key, and a server\'s partial quote of it, from text', () => {
    const s = new Secret(KEY);
    expect(s.redact(`Incorrect API key provided: ${KEY}.`)).toBe('Incorrect API key provided: [redacted].');
    const partial = s.redact(`Incorrect API key provided: ${KEY.slice(0, 8)}**********${KEY.slice(-8)}.`);
    expect(partial).not.toContain(KEY.slice(0, 8));
    expect(partial).not.toContain(KEY.slice(-8));
    expect(() => new Secret('  ')).toThrow(LlmSecretError);
  });
});

describe('server key', () => {
  const raw = randomBytes(32);

  it('issue 15 item 3: accepts 32 bytes as 64 hex digits or base64, and nothing else; errors never echo it', () => {
    expect(parseServerKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseServerKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseServerKey(raw.toString('base64url')).equals(raw)).toBe(true);
    expect(serverKeyFromEnv({ PACE_SECRET_KEY: raw.toString('base64') }).equals(raw)).toBe(true);
    const short = randomBytes(16).toString('base64');
    const cases: [string | undefined, RegExp][] = [
      [undefined, /PACE_SECRET_KEY is not set; it must hold a 32-byte key/],
      [short, /PACE_SECRET_KEY decodes to 16 bytes as base64; AES-256 needs exactly 32/],
      ['not a key!', /PACE_SECRET_KEY is neither 64 hex digits nor base64/],
    ];
    for (const [value, message] of cases) {
      const e = (() => {
        try {
          parseServerKey(value);
        } catch (x) {
          return x as Error;
        }
      })();
      expect(e).toBeInstanceOf(LlmSecretError);
      expect(e!.message).toMatch(message);
      if (value) expect(e!.message).not.toContain(value);
    }
  });
});

describe('encryptSecret / decryptSecret', () => {
  const serverKey = randomBytes(32);

  it('issue 15 item 3: AES-256-GCM round trip; the stored form holds no plain text and differs each time', () => {
    const a = encryptSecret(KEY, serverKey, 'endpoint:1');
    const b = encryptSecret(KEY, serverKey, 'endpoint:1');
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b); // a fresh IV each time
    expect(a).not.toContain(KEY);
    expect(decryptSecret(a, serverKey, 'endpoint:1').reveal()).toBe(KEY);
  });

  it('issue 15 item 3: a wrong server key, an edited value or another context fails with a clear error', () => {
    const stored = encryptSecret(KEY, serverKey, 'endpoint:1');
    const [v, iv, tag, ct] = stored.split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    for (const [value, key, context] of [
      [stored, randomBytes(32), 'endpoint:1'],
      [[v, iv, tag, flipped.toString('base64url')].join('.'), serverKey, 'endpoint:1'],
      [stored, serverKey, 'endpoint:2'],
    ] as const) {
      expect(() => decryptSecret(value, key, context)).toThrow(/does not decrypt with PACE_SECRET_KEY/);
    }
    expect(() => decryptSecret('sk-plain-text', serverKey)).toThrow(/must look like v1.<iv>.<tag>.<ciphertext>; this one does not$/);
    expect(() => encryptSecret(KEY, randomBytes(16))).toThrow(/must be 32 bytes, got 16/);
  });
});

describe(resolveApiKey.name, () => {
  const serverKey = randomBytes(32);

  it('issue 15 item 3: from an environment variable\'s name, from the encrypted value, or none', () => {
    expect(resolveApiKey({ kind: 'env', name: 'VLLM_KEY' }, { env: { VLLM_KEY: ` ${KEY}\n` } })!.reveal()).toBe(KEY);
    const stored = encryptSecret(KEY, serverKey, 'e1');
    expect(resolveApiKey({ kind: 'encrypted', value: stored }, { serverKey, context: 'e1' })!.reveal()).toBe(KEY);
    expect(resolveApiKey({ kind: 'encrypted', value: stored }, { env: { PACE_SECRET_KEY: serverKey.toString('hex') }, context: 'e1' })!.reveal()).toBe(KEY);
    expect(resolveApiKey({ kind: 'none' })).toBeUndefined();
  });

  it('names the variable that is missing or malformed, never a value', () => {
    expect(() => resolveApiKey({ kind: 'env', name: 'VLLM_KEY' }, { env: {} })).toThrow('the environment variable VLLM_KEY, which should hold the API key, is not set or empty');
    expect(() => resolveApiKey({ kind: 'env', name: 'sk-live-123' }, { env: {} })).toThrow(/"sk-live-123" is not an environment variable name/);
    expect(() => resolveApiKey({ kind: 'encrypted', value: 'v1.a.b.c' }, { env: {} })).toThrow(/PACE_SECRET_KEY is not set/);
    expect(() => resolveApiKey({ kind: 'file' } as never)).toThrow(/unknown API key reference kind "file"; known: none, env, encrypted/);
  });
});
