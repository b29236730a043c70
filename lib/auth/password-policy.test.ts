import { describe, expect, it } from 'vitest';
import { signUpSchema } from '@/lib/db/schema/auth/validation';
import { isGuessablePassword } from './password-policy';

describe('isGuessablePassword', () => {
  it.each(['password123', '1234567890', 'qwertyuiop', 'iloveyou12', 'Password1!', 'letmein2024', 'aaaaaaaaaaaa', 'abcdefghijk', 'pulsepulse1', 'welcome2026', 'P@ssw0rd123', '1q2w3e4r5t6y', 'monkey123456'])(
    'refuses %s',
    (p) => {
      expect(isGuessablePassword(p)).toBe(true);
    },
  );

  it.each(['correct-horse-battery-9', 'correct horse battery staple', 'pulse-demo-2026', 'a long enough password', 'Tr0mbone-Kettle-Nimbus'])('accepts %s', (p) => {
    expect(isGuessablePassword(p)).toBe(false);
  });

  it('the sign-up schema says which rule failed', () => {
    const base = { name: 'Ada', email: 'ada@example.test', workspaceName: 'W' };
    const common = signUpSchema.safeParse({ ...base, password: 'password123' });
    expect(common.error?.issues.map((i) => i.message)).toEqual(['validation.passwordCommon']);
    const short = signUpSchema.safeParse({ ...base, password: 'short' });
    expect(short.error?.issues.map((i) => i.message)).toContain('validation.passwordTooShort');
    expect(signUpSchema.safeParse({ ...base, password: 'correct-horse-battery-9' }).success).toBe(true);
  });
});
