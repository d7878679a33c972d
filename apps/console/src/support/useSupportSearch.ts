import { useEffect, useState } from 'react';
import { HttpError } from 'react-admin';
import { supportApi } from './supportApi';
import type { SearchAnswer } from './types';

export const SEARCH_DEBOUNCE_MS = 200;
const MIN_LENGTH = 2;

export interface SearchState {
  answer?: SearchAnswer;
  loading: boolean;
  error?: string;
  /** The server cannot read the query yet (400: a name of one letter, digits in a name...): keep typing. */
  incomplete?: boolean;
}

/**
 * Results as the agent types: one request per pause of SEARCH_DEBOUNCE_MS, and a request the next keystroke
 * made stale is aborted, so an older, slower answer never replaces a newer one.
 */
export function useSupportSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({ loading: false });
  const q = query.trim();

  useEffect(() => {
    if (q.length < MIN_LENGTH) {
      setState({ loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    const timer = setTimeout(() => {
      supportApi.search(q, controller.signal).then(
        (answer) => setState({ answer, loading: false }),
        (e: unknown) => {
          if (controller.signal.aborted) return;
          const incomplete = e instanceof HttpError && e.status === 400;
          setState({ loading: false, error: (e as Error).message, incomplete });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  return state;
}
