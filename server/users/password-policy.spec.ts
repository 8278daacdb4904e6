import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords';
import { passwordProblem } from './password-policy';

describe(passwordProblem.name, () => {
  it('issue 14 item 9: refuses the common passwords whatever their case, and the account’s email or local part', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(10_000);
    expect(passwordProblem('PassWord123', 'ann@pace.test')).toMatch(/common/);
    expect(passwordProblem('1q2w3e4r5t', 'ann@pace.test')).toMatch(/common/);
    expect(passwordProblem('Ann.Lee.Wang@Pace.Test', 'ann.lee.wang@pace.test')).toMatch(/email/);
    expect(passwordProblem('ANN.LEE.WANG', 'ann.lee.wang@pace.test')).toMatch(/email/);
  });

  it('accepts the test helpers’ passwords and a first admin’s generated one', () => {
    for (const role of ['admin', 'lead', 'researcher', 'annotator']) expect(passwordProblem(`${role}-password-123`, `${role}@test.pace`)).toBeNull();
    expect(passwordProblem(randomBytes(12).toString('base64url'), 'admin@pace.local')).toBeNull();
    expect(passwordProblem('long-enough-pw', 'ann@example.com')).toBeNull();
    expect(passwordProblem('新的密码-long-enough', 'lead@test.pace')).toBeNull();
  });
});
