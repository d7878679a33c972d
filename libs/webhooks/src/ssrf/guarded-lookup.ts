import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isBlockedAddress } from './address-guard.js';

export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'EBLOCKEDADDRESS';
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:http(s) that resolves the host at connect time and refuses the connection when
 * any address it resolves to is blocked: the check and the connect use the same answer, so a DNS name
 * cannot pass the check and then rebind to a private address.
 */
export function guardedLookup(
  hostname: string,
  options: LookupOptions | number | undefined,
  callback: LookupCallback,
): void {
  const opts: LookupOptions = typeof options === 'number' ? { family: options } : { ...options };
  dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const blocked = addresses.find((a) => isBlockedAddress(a.address));
    if (blocked || !addresses.length) {
      return callback(new BlockedAddressError(`${hostname} resolves to a blocked address`), '');
    }
    if (opts.all) return callback(null, addresses);
    const first = addresses[0];
    callback(null, first.address, first.family);
  });
}
