import { CreatePartnersAndPersons1764216000000 } from './1764216000000-CreatePartnersAndPersons.js';

/** Every migration, oldest first. Both engines run exactly these; `synchronize` is never used. */
export const MIGRATIONS = [CreatePartnersAndPersons1764216000000];
