import { API, fetchBlob, httpClient } from '../httpClient';
import type { Answer, Customer, CustomerLanguage, SearchAnswer, SupportPerson } from './types';

/** The support desk's calls (docs/ADMIN-API.md, "Support desk"); the server masks and audits, not the console. */
const SUPPORT = `${API}/support`;
const enc = encodeURIComponent;

const get = async <T>(path: string, signal?: AbortSignal): Promise<T> =>
  (await httpClient(`${SUPPORT}/${path}`, { signal })).json as T;

const post = async <T>(path: string, body?: unknown): Promise<T> =>
  (
    await httpClient(`${SUPPORT}/${path}`, {
      method: 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json as T;

export const SEARCH_LIMIT = 20;

export const supportApi = {
  search: (q: string, signal?: AbortSignal) =>
    get<SearchAnswer>(`search?q=${enc(q)}&limit=${SEARCH_LIMIT}`, signal),
  customer: (personId: string) => get<Customer>(`customers/${enc(personId)}`),
  answer: (personId: string, language: CustomerLanguage, identificationId?: string) =>
    get<Answer>(
      `customers/${enc(personId)}/answer?language=${language}` +
        (identificationId ? `&identification_id=${enc(identificationId)}` : ''),
    ),
  addNote: (personId: string, body: string) => post(`customers/${enc(personId)}/notes`, { body }),
  resendLink: (identificationId: string) => post(`identifications/${enc(identificationId)}/resend-link`),
  proposeReidentification: (identificationId: string, justification: string) =>
    post(`identifications/${enc(identificationId)}/reidentification-proposal`, { justification }),
  /** The full person; some servers wrap it as `{ person }`. */
  unmask: async (personId: string, reason: string) => {
    const answer = await post<SupportPerson | { person: SupportPerson }>(
      `customers/${enc(personId)}/unmask`,
      {
        reason,
      },
    );
    return 'person' in answer && typeof answer.person === 'object'
      ? (answer.person as SupportPerson)
      : (answer as SupportPerson);
  },
  evidencePack: (personId: string, reason: string) =>
    fetchBlob(`${SUPPORT}/customers/${enc(personId)}/evidence-pack?reason=${enc(reason)}`),
};
