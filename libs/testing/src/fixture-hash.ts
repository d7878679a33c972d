import argon2 from 'argon2';

/**
 * Fixture secrets (staff passwords, partner client secrets) are hashed with argon2id at its lightest
 * settings: about 1 ms instead of 200, and still a hash the product verifies like any other, since argon2
 * reads the settings from the hash. The product's own paths (first admin, the Users page, `partner:create`,
 * the Partner clients page) hash at full strength, and their tests go through them.
 */
export const fixtureHash = (secret: string): Promise<string> =>
  argon2.hash(secret, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
