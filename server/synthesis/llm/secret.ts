import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { LlmSecretError } from './llm-errors';

const REDACTED = '[redacted]';

/**
 * An API key that cannot leak by accident: its value sits in a private field, and JSON, string conversion and
 * `util.inspect` all print `[redacted]`. Only `reveal()` gives the value (the client calls it to build the
 * Authorization header and nowhere else); `redact(text)` removes it from text a server sent back.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    if (typeof value !== 'string' || !value.trim()) throw new LlmSecretError('an API key must be a non-empty string');
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  /** `text` with every occurrence of the key (and of any 8+ character run of it a server quotes) replaced. */
  redact(text: string): string {
    let out = text.split(this.#value).join(REDACTED);
    // servers quote keys partly ("Incorrect API key provided: sk-abc***********wxyz"): mask long fragments too
    if (this.#value.length >= 16) {
      for (const part of [this.#value.slice(0, 8), this.#value.slice(-8)]) out = out.split(part).join(REDACTED);
    }
    return out;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}

/** The variable that holds the server key with which API keys are encrypted at rest. */
export const SERVER_KEY_VARIABLE = 'PACE_SECRET_KEY';

/**
 * The 32-byte AES-256 server key from its text form: 64 hex digits, or base64 of 32 bytes (`openssl rand -base64 32`).
 * The error says what is wrong with it, never the value.
 */
export function parseServerKey(raw: string | undefined, variable = SERVER_KEY_VARIABLE): Buffer {
  const text = (raw ?? '').trim();
  if (!text) throw new LlmSecretError(`${variable} is not set; it must hold a 32-byte key as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`);
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
    throw new LlmSecretError(`${variable} decodes to ${bytes.length} bytes as base64; AES-256 needs exactly 32 (e.g. \`openssl rand -base64 32\`)`);
  }
  throw new LlmSecretError(`${variable} is neither 64 hex digits nor base64; it must hold a 32-byte key (e.g. \`openssl rand -base64 32\`)`);
}

export function serverKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer {
  return parseServerKey(env[SERVER_KEY_VARIABLE]);
}

const FORMAT = 'v1';

/**
 * `v1.<iv>.<tag>.<ciphertext>` (base64url): AES-256-GCM with a fresh 12-byte IV. `context` (e.g. the endpoint's id)
 * is bound as additional authenticated data, so a ciphertext copied to another row does not decrypt there.
 */
export function encryptSecret(plain: string, serverKey: Buffer, context = ''): string {
  if (serverKey.length !== 32) throw new LlmSecretError(`the server key must be 32 bytes, got ${serverKey.length}`);
  if (!plain) throw new LlmSecretError('there is no API key to encrypt');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', serverKey, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptSecret(stored: string, serverKey: Buffer, context = ''): Secret {
  const parts = typeof stored === 'string' ? stored.split('.') : [];
  if (parts.length !== 4 || parts[0] !== FORMAT) throw new LlmSecretError(`a stored API key must look like ${FORMAT}.<iv>.<tag>.<ciphertext>; this one does not`);
  const [, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url'));
  if (iv.length !== 12 || tag.length !== 16 || !ciphertext.length) throw new LlmSecretError('a stored API key has a wrong IV, tag or empty ciphertext');
  try {
    const decipher = createDecipheriv('aes-256-gcm', serverKey, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return new Secret(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8'));
  } catch {
    throw new LlmSecretError(`the stored API key does not decrypt with ${SERVER_KEY_VARIABLE} (was the server key changed, or the value edited or copied from another endpoint?)`);
  }
}

/** How an endpoint's key is kept: none (a local server), the name of an environment variable, or encrypted at rest. */
export type ApiKeyRef = { kind: 'none' } | { kind: 'env'; name: string } | { kind: 'encrypted'; value: string };

export interface ResolveApiKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** Needed for `encrypted`; defaults to the key in PACE_SECRET_KEY. */
  serverKey?: Buffer;
  /** The context the value was encrypted with. */
  context?: string;
}

/** The key an endpoint's reference points to; errors name the variable or the problem, never a value. */
export function resolveApiKey(ref: ApiKeyRef, opts: ResolveApiKeyOptions = {}): Secret | undefined {
  const env = opts.env ?? process.env;
  switch (ref.kind) {
    case 'none':
      return undefined;
    case 'env': {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(ref.name ?? '')) throw new LlmSecretError(`${JSON.stringify(ref.name)} is not an environment variable name (letters, digits and _, not starting with a digit)`);
      const value = env[ref.name];
      if (!value?.trim()) throw new LlmSecretError(`the environment variable ${ref.name}, which should hold the API key, is not set or empty`);
      return new Secret(value.trim());
    }
    case 'encrypted':
      return decryptSecret(ref.value, opts.serverKey ?? parseServerKey(env[SERVER_KEY_VARIABLE]), opts.context);
    default:
      throw new LlmSecretError(`unknown API key reference kind ${JSON.stringify((ref as { kind: unknown }).kind)}; known: none, env, encrypted`);
  }
}
