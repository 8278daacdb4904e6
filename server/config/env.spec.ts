import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env';

describe(loadEnv.name, () => {
  it('applies defaults when nothing is set', () => {
    const e = loadEnv({});
    expect(e.PORT).toBe(3000);
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DEDUP_NEAR_THRESHOLD).toBe(0.8);
  });

  it('names the variable and the reason for a bad value', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL=.*postgres/);
    expect(() => loadEnv({ DEDUP_NEAR_THRESHOLD: '1.5' })).toThrow(/DEDUP_NEAR_THRESHOLD/);
    expect(() => loadEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET.*32/);
  });

  it('issue 14 item 5: model roots default to <PACE_DATA_DIR>/models; PACE_MODEL_ROOTS takes absolute paths split by ":" or ","', () => {
    expect(loadEnv({ PACE_DATA_DIR: '/srv/pace' }).modelRoots).toEqual(['/srv/pace/models']);
    expect(loadEnv({ PACE_MODEL_ROOTS: '/models:/mnt/hf, /data/x/' }).modelRoots).toEqual(['/models', '/mnt/hf', '/data/x']);
    expect(() => loadEnv({ PACE_MODEL_ROOTS: 'models' })).toThrow(/PACE_MODEL_ROOTS="models": must be absolute paths/);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('issue 14 item 3: TRUST_PROXY is unset by default and takes a hop count or a list of addresses, ranges and names, never `true`', () => {
    expect(loadEnv({}).TRUST_PROXY).toBeUndefined();
    expect(loadEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    expect(() => loadEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY="true".*"true"/);
    expect(() => loadEnv({ TRUST_PROXY: 'loopback,proxy.local' })).toThrow(/TRUST_PROXY=.*"proxy\.local"/);
    expect(() => loadEnv({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY=.*"10\.0\.0\.0\/33"/);
  });
});
