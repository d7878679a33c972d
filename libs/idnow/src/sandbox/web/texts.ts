import type { PageLanguage } from '../engine/start-data.js';

/** Every text of the customer pages, in German and English (the call languages the seed names). */
export interface PageTexts {
  lang: PageLanguage;
  title: string;
  banner: string;
  reference: string;
  landingHeading: string;
  landingIntro: string;
  mobileLabel: string;
  mobileHint: string;
  consentTerms: string;
  consentDocument: string;
  start: string;
  errorMobile: string;
  errorTerms: string;
  errorDocument: string;
  abortedNotice: string;
  canceledNotice: string;
  callHeading: string;
  callIntro: string;
  callSteps: readonly string[];
  continue: string;
  codeHeading: string;
  codeIntro: string;
  codeHint: string;
  codeLabel: string;
  codeSubmit: string;
  codeWrong: string;
  thanksHeading: string;
  thanksBody: string;
  finishedHeading: string;
  finishedBody: string;
  robotHeading: string;
  robotBody: string;
  robotResult: string;
  robotNoResult: string;
  notFoundHeading: string;
  notFoundBody: string;
}

const EN: PageTexts = {
  lang: 'en',
  title: 'Video identification',
  banner: 'IDnow sandbox – test system, no real identification takes place',
  reference: 'Reference',
  landingHeading: 'Identify yourself by video',
  landingIntro:
    'Before you talk to an agent, enter your mobile number and confirm the two points below. During the call the agent sends you an ident code by SMS.',
  mobileLabel: 'Mobile number',
  mobileHint: 'In the sandbox: any number starting with 0, or +15550101.',
  consentTerms: "I accept IDnow's terms and conditions and privacy notice.",
  consentDocument: 'I have a valid ID document at hand.',
  start: 'Start identification',
  errorMobile: 'Please enter a valid mobile number (starting with 0, or +15550101).',
  errorTerms: 'Please accept the terms and conditions.',
  errorDocument: 'Please confirm that you have a valid ID document at hand.',
  abortedNotice: 'Your last identification attempt was aborted (reason: {reason}). You can start again.',
  canceledNotice: 'Your last identification was canceled (reason: {reason}). You can start again.',
  callHeading: 'Your video call',
  callIntro: 'You are identifying for a service of Solaris. The agent guides you through these steps:',
  callSteps: [
    'The agent greets you and checks that you can see and hear each other.',
    'You show the front of your ID document to the camera.',
    'You tilt the document so the agent can check its security features (hologram).',
    'You show the back of your ID document.',
    'The agent compares your face with the photo on the document.',
    'The agent checks your name, date of birth and address.',
    'The agent sends an ident code by SMS to {mobile}.',
  ],
  continue: 'Continue',
  codeHeading: 'Enter your ident code',
  codeIntro: 'Enter the ident code we sent by SMS to {mobile}.',
  codeHint: 'In the sandbox the ident code is 123456.',
  codeLabel: 'Ident code',
  codeSubmit: 'Confirm',
  codeWrong: 'This ident code is not correct. Attempts left: {remaining}.',
  thanksHeading: 'Thank you!',
  thanksBody: 'Your video call is complete. The result is now being checked. You can close this page.',
  finishedHeading: 'Identification finished',
  finishedBody: 'This identification has been completed. You can close this page.',
  robotHeading: 'Automated test identification',
  robotBody: "This identification is played by IDnow's test robot (X-AUTOTEST); there is nothing to do here.",
  robotResult: 'Current result: {result}',
  robotNoResult: 'No result yet.',
  notFoundHeading: 'Identification not found',
  notFoundBody: 'This link is not valid. Please check the link you received or ask for a new one.',
};

const DE: PageTexts = {
  lang: 'de',
  title: 'Video-Identifikation',
  banner: 'IDnow-Sandbox – Testsystem, es findet keine echte Identifikation statt',
  reference: 'Referenz',
  landingHeading: 'Identifizieren Sie sich per Video',
  landingIntro:
    'Bevor Sie mit einer Agentin oder einem Agenten sprechen, geben Sie Ihre Mobilnummer ein und bestätigen die beiden Punkte unten. Während des Gesprächs erhalten Sie einen Ident-Code per SMS.',
  mobileLabel: 'Mobilnummer',
  mobileHint: 'In der Sandbox: jede Nummer, die mit 0 beginnt, oder +15550101.',
  consentTerms: 'Ich akzeptiere die AGB und die Datenschutzhinweise von IDnow.',
  consentDocument: 'Ich habe ein gültiges Ausweisdokument zur Hand.',
  start: 'Identifikation starten',
  errorMobile: 'Bitte geben Sie eine gültige Mobilnummer ein (beginnend mit 0, oder +15550101).',
  errorTerms: 'Bitte akzeptieren Sie die AGB.',
  errorDocument: 'Bitte bestätigen Sie, dass Sie ein gültiges Ausweisdokument zur Hand haben.',
  abortedNotice:
    'Ihr letzter Identifikationsversuch wurde abgebrochen (Grund: {reason}). Sie können neu starten.',
  canceledNotice: 'Ihre letzte Identifikation wurde storniert (Grund: {reason}). Sie können neu starten.',
  callHeading: 'Ihr Videoanruf',
  callIntro:
    'Sie identifizieren sich für einen Service von Solaris. Die Agentin bzw. der Agent führt Sie durch diese Schritte:',
  callSteps: [
    'Begrüßung und Prüfung, ob Bild und Ton funktionieren.',
    'Sie halten die Vorderseite Ihres Ausweises in die Kamera.',
    'Sie kippen den Ausweis, damit die Sicherheitsmerkmale (Hologramm) geprüft werden können.',
    'Sie halten die Rückseite Ihres Ausweises in die Kamera.',
    'Ihr Gesicht wird mit dem Foto im Ausweis verglichen.',
    'Name, Geburtsdatum und Adresse werden geprüft.',
    'Ein Ident-Code wird per SMS an {mobile} gesendet.',
  ],
  continue: 'Weiter',
  codeHeading: 'Ident-Code eingeben',
  codeIntro: 'Geben Sie den Ident-Code ein, den wir per SMS an {mobile} gesendet haben.',
  codeHint: 'In der Sandbox lautet der Ident-Code 123456.',
  codeLabel: 'Ident-Code',
  codeSubmit: 'Bestätigen',
  codeWrong: 'Dieser Ident-Code ist nicht korrekt. Verbleibende Versuche: {remaining}.',
  thanksHeading: 'Vielen Dank!',
  thanksBody:
    'Ihr Videoanruf ist abgeschlossen. Das Ergebnis wird jetzt geprüft. Sie können diese Seite schließen.',
  finishedHeading: 'Identifikation abgeschlossen',
  finishedBody: 'Diese Identifikation wurde abgeschlossen. Sie können diese Seite schließen.',
  robotHeading: 'Automatisierte Test-Identifikation',
  robotBody:
    'Diese Identifikation wird vom Testroboter von IDnow durchgeführt (X-AUTOTEST); hier ist nichts zu tun.',
  robotResult: 'Aktuelles Ergebnis: {result}',
  robotNoResult: 'Noch kein Ergebnis.',
  notFoundHeading: 'Identifikation nicht gefunden',
  notFoundBody:
    'Dieser Link ist ungültig. Bitte prüfen Sie den erhaltenen Link oder fordern Sie einen neuen an.',
};

export const PAGE_TEXTS: Readonly<Record<PageLanguage, PageTexts>> = { en: EN, de: DE };
