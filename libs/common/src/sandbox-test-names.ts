/** IDnow's test-scenario prefixes; a person named with one is a sandbox test person (seed, "Testing"). */
export const TEST_PREFIXES = ['X-MANUALTEST-', 'X-AUTOTEST-'] as const;

export function hasTestPrefix(...names: (string | null | undefined)[]): boolean {
  return names.some((n) => typeof n === 'string' && TEST_PREFIXES.some((p) => n.toUpperCase().startsWith(p)));
}
