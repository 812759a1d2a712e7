import argon2 from 'argon2';

/** argon2id with the library defaults (64 MiB, t=3, p=4). */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification, so unknown accounts cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('motcua-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

/**
 * Password policy: at least 10 characters with a letter and a digit, or a passphrase of 16+
 * characters; never the login name.
 */
export function checkPasswordPolicy(password: string, loginName: string): string | null {
  if (password.length > 200) return 'Mật khẩu quá dài (tối đa 200 ký tự) / Password too long (max 200)';
  if (password.toLowerCase().includes(loginName.toLowerCase()) && loginName.length >= 3) {
    return 'Mật khẩu không được chứa tên đăng nhập / The password must not contain the login name';
  }
  if (password.length >= 16) return null;
  if (password.length < 10 || !/[A-Za-z\p{L}]/u.test(password) || !/\d/.test(password)) {
    return 'Mật khẩu cần ít nhất 10 ký tự, có chữ và số (hoặc cụm từ 16 ký tự) / At least 10 characters with letters and digits (or a 16-character passphrase)';
  }
  return null;
}
