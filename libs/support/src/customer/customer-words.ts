import { guidanceFor, type IdentificationStatus } from '#kyc/identifications';

export type Language = 'en' | 'de';
export type Words = { en: string; de: string };

/** What the rules need of an identification: no personal data. */
export interface IdentificationFacts {
  status: IdentificationStatus;
  failureReason: string | null;
  url: string | null;
  urlExpiresAt: Date | null;
}

export type RetryHow = 'same_link' | 'new_link' | 'none';

export interface Retry {
  how: RetryHow;
  /** Only when the customer can go back to the same, still valid link. */
  url: string | null;
  url_expires_at: string | null;
}

/** The current state in the customer's terms (second person); pending_successful and pending_failed read alike. */
const STATUS_WORDS: Record<IdentificationStatus, Words> = {
  created: {
    en: 'Your video identification has been prepared but not started yet.',
    de: 'Ihre Videoidentifizierung ist vorbereitet, aber noch nicht gestartet.',
  },
  pending: {
    en: 'Your video identification has been started but not completed yet.',
    de: 'Ihre Videoidentifizierung wurde gestartet, aber noch nicht abgeschlossen.',
  },
  pending_successful: {
    en: 'Your video call is complete and your identification is now being checked.',
    de: 'Ihr Videoanruf ist abgeschlossen, Ihre Identifizierung wird nun geprüft.',
  },
  pending_failed: {
    en: 'Your video call is complete and your identification is now being checked.',
    de: 'Ihr Videoanruf ist abgeschlossen, Ihre Identifizierung wird nun geprüft.',
  },
  successful: {
    en: 'Your video identification was successful.',
    de: 'Ihre Videoidentifizierung war erfolgreich.',
  },
  aborted: {
    en: 'Your video identification was interrupted.',
    de: 'Ihre Videoidentifizierung wurde unterbrochen.',
  },
  canceled: {
    en: 'Your video identification could not be completed.',
    de: 'Ihre Videoidentifizierung konnte nicht abgeschlossen werden.',
  },
  // The seed: never a reason for a final `failed`; this is the only wording it gets.
  failed: {
    en: 'Unfortunately, your video identification was not successful.',
    de: 'Leider war Ihre Videoidentifizierung nicht erfolgreich.',
  },
  expired: {
    en: 'The link to your video identification has expired.',
    de: 'Der Link zu Ihrer Videoidentifizierung ist abgelaufen.',
  },
};

/** One timeline line per status reached, in the customer's terms. */
const EVENT_WORDS: Record<IdentificationStatus, Words> = {
  created: { en: 'Identification set up', de: 'Identifizierung angelegt' },
  pending: { en: 'Link issued, video call outstanding', de: 'Link ausgestellt, Videoanruf ausstehend' },
  pending_successful: { en: 'Video call finished, being checked', de: 'Videoanruf beendet, wird geprüft' },
  pending_failed: { en: 'Video call finished, being checked', de: 'Videoanruf beendet, wird geprüft' },
  successful: { en: 'Identification successful', de: 'Identifizierung erfolgreich' },
  aborted: { en: 'Video call interrupted', de: 'Videoanruf unterbrochen' },
  canceled: { en: 'Identification not completed', de: 'Identifizierung nicht abgeschlossen' },
  failed: { en: 'Identification not successful', de: 'Identifizierung nicht erfolgreich' },
  expired: { en: 'Link expired', de: 'Link abgelaufen' },
};

const LINK_SENT_AGAIN: Words = { en: 'Link sent again', de: 'Link erneut gesendet' };

const NOTHING_TO_DO: Words = {
  en: 'There is nothing more you need to do.',
  de: 'Sie müssen nichts weiter tun.',
};
const BEING_CHECKED: Words = {
  en: 'There is nothing you need to do right now; you will hear from us as soon as the check is complete.',
  de: 'Sie müssen im Moment nichts tun; Sie hören von uns, sobald die Prüfung abgeschlossen ist.',
};
const LINK_COMING: Words = {
  en: 'You will receive the link to start your video identification shortly.',
  de: 'Den Link zum Start Ihrer Videoidentifizierung erhalten Sie in Kürze.',
};
const NEW_LINK: Words = {
  en: 'We will send you a new link for your video identification.',
  de: 'Wir senden Ihnen einen neuen Link für Ihre Videoidentifizierung zu.',
};
const FAILED_NEXT: Words = {
  en: 'We are unable to give further details. If you have any questions, just reply to this message.',
  de: 'Weitere Auskünfte können wir Ihnen dazu leider nicht geben. Bei Fragen antworten Sie einfach auf diese Nachricht.',
};
const UNKNOWN_REASON: Words = {
  en: 'The video call could not be finished.',
  de: 'Der Videoanruf konnte nicht beendet werden.',
};
const TRY_AGAIN: Words = {
  en: 'Please try again.',
  de: 'Bitte versuchen Sie es erneut.',
};

const sameLink = (until: Date): Words => ({
  en: `You can use your existing link until ${dayEn(until)}.`,
  de: `Ihr bisheriger Link ist bis zum ${dayDe(until)} gültig.`,
});

const dayEn = (d: Date) =>
  d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayDe = (d: Date) =>
  d.toLocaleDateString('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const join = (...parts: Words[]): Words => ({
  en: parts.map((p) => p.en).join(' '),
  de: parts.map((p) => p.de).join(' '),
});

export function urlValid(i: IdentificationFacts, now: Date): boolean {
  return i.url !== null && i.urlExpiresAt !== null && i.urlExpiresAt > now;
}

/** A reason is shown to the customer for `aborted` and `canceled` only (seed), and only from the catalog. */
export function customerReason(
  i: Pick<IdentificationFacts, 'status' | 'failureReason'>,
): { code: string | null; what_happened: Words; next_step: Words } | null {
  if (i.status !== 'aborted' && i.status !== 'canceled') return null;
  const g = i.failureReason ? guidanceFor(i.failureReason) : undefined;
  if (!g) return { code: null, what_happened: UNKNOWN_REASON, next_step: TRY_AGAIN };
  return {
    // A code that names a suspicion is never shown, even to the agent's screen meant for the customer.
    code: /FRAUD/i.test(i.failureReason!) ? null : i.failureReason,
    what_happened: { en: g.customer.en.whatHappened, de: g.customer.de.whatHappened },
    next_step: { en: g.customer.en.nextStep, de: g.customer.de.nextStep },
  };
}

/** Whether and how the customer can try again: the same link while valid, a new one, or not at all. */
export function retryOf(i: IdentificationFacts, now: Date): Retry {
  const expires = i.urlExpiresAt?.toISOString() ?? null;
  const none: Retry = { how: 'none', url: null, url_expires_at: expires };
  switch (i.status) {
    case 'pending':
    case 'aborted':
    case 'canceled': {
      if (i.status !== 'pending' && guidanceFor(i.failureReason ?? '')?.retry === 'no') return none;
      return urlValid(i, now)
        ? { how: 'same_link', url: i.url, url_expires_at: expires }
        : { how: 'new_link', url: null, url_expires_at: expires };
    }
    case 'expired':
      return { how: 'new_link', url: null, url_expires_at: expires };
    case 'created':
    case 'pending_successful':
    case 'pending_failed':
    case 'successful':
    case 'failed':
      return none;
  }
}

/** The next step in the customer's terms, with the link situation. */
export function nextStep(i: IdentificationFacts, now: Date): Words {
  const retry = retryOf(i, now);
  const link = retry.how === 'same_link' ? sameLink(i.urlExpiresAt!) : NEW_LINK;
  switch (i.status) {
    case 'created':
      return LINK_COMING;
    case 'pending':
      return retry.how === 'same_link' ? join(TRY_AGAIN_OR_CONTINUE, link) : link;
    case 'pending_successful':
    case 'pending_failed':
      return BEING_CHECKED;
    case 'successful':
      return NOTHING_TO_DO;
    case 'failed':
      return FAILED_NEXT;
    case 'expired':
      return NEW_LINK;
    case 'aborted':
    case 'canceled': {
      const reason = customerReason(i)!;
      return retry.how === 'none' ? reason.next_step : join(reason.next_step, link);
    }
  }
}

const TRY_AGAIN_OR_CONTINUE: Words = {
  en: 'Please open your link and complete the video call.',
  de: 'Bitte öffnen Sie Ihren Link und schließen Sie den Videoanruf ab.',
};

/** The state in plain words: the status sentence, plus what happened for `aborted` and `canceled`. */
export function stateWords(i: IdentificationFacts): Words {
  const reason = customerReason(i);
  return reason ? join(STATUS_WORDS[i.status], reason.what_happened) : STATUS_WORDS[i.status];
}

export const NO_IDENTIFICATION: Words = {
  en: 'There is no video identification for you yet.',
  de: 'Für Sie gibt es noch keine Videoidentifizierung.',
};

/** The customer can start or resume a video call right now, on the link they have. */
export function canRetryNow(i: IdentificationFacts, now: Date): boolean {
  return retryOf(i, now).how === 'same_link';
}

/** A timeline line; null for entries that are internal (contradictions, reviews without a change). */
export function eventWords(kind: string, to: IdentificationStatus): Words | null {
  if (kind === 'reidentification' || kind === 'link_resent') return LINK_SENT_AGAIN;
  if (kind === 'created' || kind === 'transition' || kind === 'repeated') return EVENT_WORDS[to];
  return null;
}

export interface Headline {
  status: IdentificationStatus | null;
  text: Words;
  can_retry_now: boolean;
  retry: Retry;
  next_step: Words;
}

/** The header of the customer view: the current identification (the newest) in plain words. */
export function headlineOf(current: IdentificationFacts | null, now: Date): Headline {
  if (!current) {
    return {
      status: null,
      text: NO_IDENTIFICATION,
      can_retry_now: false,
      retry: { how: 'none', url: null, url_expires_at: null },
      next_step: LINK_COMING,
    };
  }
  return {
    status: current.status,
    text: stateWords(current),
    can_retry_now: canRetryNow(current, now),
    retry: retryOf(current, now),
    next_step: nextStep(current, now),
  };
}
