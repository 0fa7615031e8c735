import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../domain/identity/password-policy';
import { temporaryPassword } from './temporary-password';

describe('temporary passwords (issue #9)', () => {
  it('are 3 groups of 4 characters without look-alikes, pass the policy, and differ each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = temporaryPassword();
      expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{4}-[a-km-np-zA-HJ-NP-Z2-9]{4}-[a-km-np-zA-HJ-NP-Z2-9]{4}$/);
      expect(passwordProblems(p, 'some_user')).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
