import { COMMON_PASSWORDS } from './common-passwords';

const common = new Set(COMMON_PASSWORDS);

/**
 * Why this password may not be set for the account with this email, or null when it may (issue 14 item 9). The
 * minimum length is the DTOs' rule; this refuses, ignoring case, the most common passwords and the account's own
 * email or the part of it before the @ — the first things anyone guesses.
 */
export function passwordProblem(password: string, email: string): string | null {
  const candidate = password.toLowerCase();
  const address = email.toLowerCase();
  const at = address.lastIndexOf('@');
  if (candidate === address || (at > 0 && candidate === address.slice(0, at))) {
    return 'must not be the account’s email or the name before its @';
  }
  if (common.has(candidate)) return 'is one of the most common passwords; choose one that is harder to guess';
  return null;
}
