import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum memory cost (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** How many password verifications this process has run (real and dummy): the throttle's proof. */
export const passwordCheckCount = { value: 0 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  passwordCheckCount.value++;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Burns the same time as a real check so "unknown email" and "wrong password" look alike. */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('pulse-dummy-password');
  await verifyPassword(await dummyHash, password);
  return false;
}
