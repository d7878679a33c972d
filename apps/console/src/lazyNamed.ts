import { type ComponentType, lazy } from 'react';

/** React.lazy for a named export (the console has no default exports): each page is its own chunk. */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
