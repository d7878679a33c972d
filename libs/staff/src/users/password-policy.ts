/** At least this many characters, from at least three of: lower case, upper case, digits, symbols. */
export const PASSWORD_MIN_LENGTH = 12;

/** Why a password is too weak, or null when it is acceptable. */
export function passwordWeakness(password: string, email: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if ([...password].length > 256) return 'must be at most 256 characters long';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return 'must mix at least three of: lower case, upper case, digits, symbols';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local))
    return 'must not contain the email address';
  return null;
}
