import { type FailureCodeName, isFailureCode } from './failure-codes.js';

/** What happened and what to do next, one sentence each. */
export interface Guidance {
  whatHappened: string;
  nextStep: string;
}

/**
 * Guidance per failure code. `retry`: `yes` means just try again; `after_fix` means only once something
 * changed first (lighting, documents, connection, or for a few codes a staff review); `no` means the
 * catalog marks the reason permanent. Customer texts are for the reasons IDnow gives with `aborted` and
 * `canceled`: the seed allows no reason for a final `failed`, and they never disclose a fraud suspicion.
 */
export interface FailureGuidance {
  retry: 'yes' | 'after_fix' | 'no';
  /** For officers and support agents: precise, may name the provider's codes. */
  staff: { en: Guidance; de: Guidance };
  /** Plain and polite, in the second person (German: "Sie"); never a code, never a suspicion. */
  customer: { en: Guidance; de: Guidance };
}

type Pair = readonly [whatHappened: string, nextStep: string];

interface Texts {
  retry: FailureGuidance['retry'];
  staff: { en: Pair; de: Pair };
  customer: { en: Pair; de: Pair };
}

// Sentences shared by several codes, so the same situation reads the same everywhere.
const PERMANENT_EN =
  'Do not request another identification: the reason is permanent, so a new attempt would fail the same way.';
const PERMANENT_DE =
  'Keine neue Identifizierung anstoßen: Der Grund ist dauerhaft, ein neuer Versuch würde genauso scheitern.';
const ASK_IDNOW_DE = 'bei Wiederholung bei IDnow nachfragen.';
const CONTACT_SUPPORT_EN = 'Please contact our support team to discuss how to proceed.';
const CONTACT_SUPPORT_DE =
  'Bitte wenden Sie sich an unseren Kundenservice, um das weitere Vorgehen zu besprechen.';
const NOT_COMPLETED_EN = 'We could not complete your identification.';
const NOT_COMPLETED_DE = 'Wir konnten Ihre Identifizierung nicht abschließen.';
const STABLE_EN = 'Please try again, ideally with a stable internet connection.';
const STABLE_DE = 'Bitte versuchen Sie es erneut, am besten mit einer stabilen Internetverbindung.';
const SIMPLY_AGAIN_EN = 'Please simply try again.';
const SIMPLY_AGAIN_DE = 'Bitte versuchen Sie es einfach noch einmal.';
const START_AGAIN_EN = 'Please start again whenever it suits you.';
const START_AGAIN_DE = 'Bitte beginnen Sie einfach erneut, wann immer es Ihnen passt.';

// One entry per catalog code, in the seed's order; the Record type makes a missing or unknown code a compile error.
// prettier-ignore
const TEXTS: Record<FailureCodeName, Texts> = {
  DATA_APPLICATION_ADDRESS: {
    retry: 'no',
    staff: {
      en: ['The address in the application does not match the address on the ID document and cannot be corrected.', PERMANENT_EN],
      de: ['Die Adresse aus dem Antrag stimmt nicht mit der Adresse im Ausweisdokument überein und lässt sich nicht korrigieren.', PERMANENT_DE],
    },
    customer: {
      en: ['The address in your application does not match the address on your ID document.', 'Unfortunately, the identification cannot be repeated with these details; please contact our support team about how to proceed.'],
      de: ['Die Adresse in Ihrem Antrag stimmt nicht mit der Adresse in Ihrem Ausweisdokument überein.', 'Mit diesen Angaben lässt sich die Identifizierung leider nicht wiederholen; bitte klären Sie das weitere Vorgehen mit unserem Kundenservice.'],
    },
  },
  DATA_APPLICATION_DATA: {
    retry: 'no',
    staff: {
      en: ['The personal data in the application does not match the data on the ID document and cannot be corrected.', PERMANENT_EN],
      de: ['Die Angaben aus dem Antrag stimmen nicht mit den Daten im Ausweisdokument überein und lassen sich nicht korrigieren.', PERMANENT_DE],
    },
    customer: {
      en: ['The details in your application do not match the details on your ID document.', 'Unfortunately, the identification cannot be repeated with these details; please contact our support team about how to proceed.'],
      de: ['Die Angaben in Ihrem Antrag stimmen nicht mit den Daten in Ihrem Ausweisdokument überein.', 'Mit diesen Angaben lässt sich die Identifizierung leider nicht wiederholen; bitte klären Sie das weitere Vorgehen mit unserem Kundenservice.'],
    },
  },
  DATA_ID_EXPIRED: {
    retry: 'after_fix',
    staff: {
      en: ['The ID document shown had expired.', 'The customer may retry with a different, valid ID document.'],
      de: ['Das vorgezeigte Ausweisdokument war abgelaufen.', 'Ein neuer Versuch ist mit einem anderen, gültigen Ausweisdokument möglich.'],
    },
    customer: {
      en: ['The ID document you showed has expired.', 'Please repeat the identification with a different, valid ID document.'],
      de: ['Das von Ihnen vorgezeigte Ausweisdokument ist abgelaufen.', 'Bitte wiederholen Sie die Identifizierung mit einem anderen, gültigen Ausweisdokument.'],
    },
  },
  TECH_AUDIO: {
    retry: 'after_fix',
    staff: {
      en: ['The audio quality was poor: the customer or the agent could not be heard.', 'The customer may retry once microphone and speakers work properly.'],
      de: ['Die Tonqualität war schlecht: Person oder Agent waren nicht zu hören.', 'Ein neuer Versuch ist möglich, sobald Mikrofon und Lautsprecher einwandfrei funktionieren.'],
    },
    customer: {
      en: ['The sound quality during the video call was too poor to continue.', 'Please check your microphone and speakers, then try again.'],
      de: ['Die Tonqualität im Videoanruf war zu schlecht, um fortzufahren.', 'Bitte prüfen Sie Ihr Mikrofon und Ihre Lautsprecher und versuchen Sie es dann erneut.'],
    },
  },
  TECH_DISCONNECTED_VIDEO: {
    retry: 'yes',
    staff: {
      en: ['The video stream disconnected during the identification.', 'The customer can simply try again, ideally on a stable connection.'],
      de: ['Der Videostream ist während der Identifizierung abgebrochen.', 'Die Person kann es einfach erneut versuchen, am besten mit einer stabilen Verbindung.'],
    },
    customer: {
      en: ['The video connection was interrupted during your identification.', STABLE_EN],
      de: ['Die Videoverbindung wurde während Ihrer Identifizierung unterbrochen.', STABLE_DE],
    },
  },
  TECH_DISCONNECTED_WEBSOCKET: {
    retry: 'yes',
    staff: {
      en: ['The websocket connection dropped during the identification, normally because the customer lost their internet connection.', 'The customer can simply try again; a stable internet connection avoids another drop.'],
      de: ['Die Websocket-Verbindung brach während der Identifizierung ab, in der Regel weil die Internetverbindung der Person unterbrochen war.', 'Ein neuer Versuch ist direkt möglich; eine stabile Internetverbindung verhindert einen erneuten Abbruch.'],
    },
    customer: {
      en: ['The connection was lost during your identification, usually because the internet connection dropped.', STABLE_EN],
      de: ['Die Verbindung ist während Ihrer Identifizierung abgebrochen, meist weil die Internetverbindung kurz weg war.', STABLE_DE],
    },
  },
  TECH_HOLOGRAM: {
    retry: 'after_fix',
    staff: {
      en: ['The security features (such as holograms) of the ID document were not visible or are broken; IDnow states there is no suspicion of fraud.', 'The customer may retry in better light, or with another valid ID document if this one is damaged.'],
      de: ['Die Sicherheitsmerkmale des Ausweisdokuments (etwa Hologramme) waren nicht erkennbar oder sind beschädigt; laut IDnow besteht kein Betrugsverdacht.', 'Ein neuer Versuch ist bei besserem Licht möglich, bei beschädigtem Ausweis mit einem anderen gültigen Ausweisdokument.'],
    },
    customer: {
      en: ['Some features of your ID document could not be seen clearly during the video call.', 'Please try again in good lighting, or with another valid ID document if yours is damaged.'],
      de: ['Einige Merkmale Ihres Ausweisdokuments waren im Videoanruf nicht deutlich zu erkennen.', 'Bitte versuchen Sie es bei guter Beleuchtung erneut oder verwenden Sie ein anderes gültiges Ausweisdokument, falls Ihres beschädigt ist.'],
    },
  },
  TECH_ID_TYPE: {
    retry: 'after_fix',
    staff: {
      en: ['The type of ID document shown is not allowed or not supported.', 'The customer may retry with a supported ID document; check the list of accepted documents first.'],
      de: ['Der vorgezeigte Ausweistyp ist nicht zugelassen oder wird nicht unterstützt.', 'Ein neuer Versuch ist mit einem unterstützten Ausweisdokument möglich; vorher die Liste der akzeptierten Dokumente prüfen.'],
    },
    customer: {
      en: ['The type of ID document you used is not accepted for this identification.', 'Please try again with a different ID document that is supported.'],
      de: ['Die Art des von Ihnen verwendeten Ausweisdokuments wird für diese Identifizierung nicht akzeptiert.', 'Bitte versuchen Sie es mit einem anderen, unterstützten Ausweisdokument erneut.'],
    },
  },
  TECH_IDENT_CODE_DELIVERY: {
    retry: 'after_fix',
    staff: {
      en: ['The customer was unable to receive the ident code by SMS.', 'The customer may retry once their phone can receive text messages; check the mobile number on file.'],
      de: ['Die Person konnte die SMS mit dem Ident-Code nicht empfangen.', 'Ein neuer Versuch ist möglich, sobald das Telefon SMS empfangen kann; die hinterlegte Mobilnummer prüfen.'],
    },
    customer: {
      en: ['You were unable to receive the text message with your identification code.', 'Please make sure your mobile phone can receive text messages, then try again.'],
      de: ['Sie konnten die SMS mit Ihrem Identifizierungscode nicht empfangen.', 'Bitte stellen Sie sicher, dass Ihr Mobiltelefon SMS empfangen kann, und versuchen Sie es dann erneut.'],
    },
  },
  TECH_INTERNAL_SERVER_ERROR: {
    retry: 'yes',
    staff: {
      en: ['An error occurred on the server; IDnow does not attribute it to the customer.', 'The customer can simply try again; if the error repeats, raise it with IDnow.'],
      de: ['Auf dem Server ist ein Fehler aufgetreten; IDnow rechnet ihn nicht der Person zu.', 'Ein neuer Versuch ist direkt möglich; tritt der Fehler wiederholt auf, bei IDnow melden.'],
    },
    customer: {
      en: ['A technical error interrupted your identification; this was not your fault.', SIMPLY_AGAIN_EN],
      de: ['Ein technischer Fehler hat Ihre Identifizierung unterbrochen; das lag nicht an Ihnen.', SIMPLY_AGAIN_DE],
    },
  },
  TECH_INTERNET_CONNECTION: {
    retry: 'after_fix',
    staff: {
      en: ["The customer's internet connection was not fast enough.", 'The customer may retry on a faster connection, for example a stable Wi-Fi network.'],
      de: ['Die Internetverbindung der Person war nicht schnell genug.', 'Ein neuer Versuch ist mit einer schnelleren Verbindung möglich, etwa über ein stabiles WLAN.'],
    },
    customer: {
      en: ['Your internet connection was not fast enough for the video call.', 'Please try again with a faster connection, for example a stable Wi-Fi network.'],
      de: ['Ihre Internetverbindung war für den Videoanruf nicht schnell genug.', 'Bitte versuchen Sie es mit einer schnelleren Verbindung erneut, zum Beispiel über ein stabiles WLAN.'],
    },
  },
  TECH_LIGHTING: {
    retry: 'after_fix',
    staff: {
      en: ['The lighting was too poor: the person or the ID document was not sufficiently visible.', 'The customer may retry in a well-lit room, without strong backlight.'],
      de: ['Die Beleuchtung war zu schlecht: Person oder Ausweisdokument waren nicht ausreichend sichtbar.', 'Ein neuer Versuch ist in einem gut beleuchteten Raum möglich, ohne starkes Gegenlicht.'],
    },
    customer: {
      en: ['The lighting was not good enough for us to see you or your ID document clearly.', 'Please try again in a well-lit room, without strong light behind you.'],
      de: ['Die Beleuchtung reichte nicht aus, um Sie oder Ihr Ausweisdokument deutlich zu erkennen.', 'Bitte versuchen Sie es in einem gut beleuchteten Raum erneut, ohne starkes Gegenlicht.'],
    },
  },
  TECH_PHOTO: {
    retry: 'after_fix',
    staff: {
      en: ['The photo quality was poor: the person or the ID document was not sharp and recognizable enough.', 'The customer may retry with a clean camera lens and good lighting.'],
      de: ['Die Bildqualität war schlecht: Person oder Ausweisdokument waren nicht scharf und erkennbar genug.', 'Ein neuer Versuch ist mit sauberer Kameralinse und guter Beleuchtung möglich.'],
    },
    customer: {
      en: ['The pictures of you or your ID document were not sharp enough.', 'Please clean your camera lens and try again in good lighting.'],
      de: ['Die Aufnahmen von Ihnen oder Ihrem Ausweisdokument waren nicht scharf genug.', 'Bitte reinigen Sie Ihre Kameralinse und versuchen Sie es bei guter Beleuchtung erneut.'],
    },
  },
  TECH_TIMEOUT: {
    retry: 'yes',
    staff: {
      en: ['The identification request was open too long: IDnow aborts requests after 30 minutes.', 'The customer can simply start again and should finish within 30 minutes.'],
      de: ['Die Identifizierungsanfrage war zu lange offen: IDnow bricht Anfragen nach 30 Minuten ab.', 'Die Person kann einfach neu beginnen und sollte den Vorgang innerhalb von 30 Minuten abschließen.'],
    },
    customer: {
      en: ['Your identification was stopped because it was open for more than 30 minutes.', 'Please start again and complete the identification within 30 minutes.'],
      de: ['Ihre Identifizierung wurde beendet, weil sie länger als 30 Minuten geöffnet war.', 'Bitte beginnen Sie erneut und schließen Sie die Identifizierung innerhalb von 30 Minuten ab.'],
    },
  },
  TECH_VIDEO: {
    retry: 'after_fix',
    staff: {
      en: ['The video quality was poor or the camera not good enough: the person or the ID document was not sharp and recognizable enough.', 'The customer may retry with a better camera, for example on another device.'],
      de: ['Die Videoqualität war schlecht oder die Kamera nicht gut genug: Person oder Ausweisdokument waren nicht scharf und erkennbar genug.', 'Ein neuer Versuch ist mit einer besseren Kamera möglich, etwa auf einem anderen Gerät.'],
    },
    customer: {
      en: ['The video quality was not good enough to see you or your ID document clearly.', 'Please try again with a better camera, for example on another device.'],
      de: ['Die Videoqualität reichte nicht aus, um Sie oder Ihr Ausweisdokument deutlich zu erkennen.', 'Bitte versuchen Sie es mit einer besseren Kamera erneut, zum Beispiel auf einem anderen Gerät.'],
    },
  },
  NO_VIDEO: {
    retry: 'after_fix',
    staff: {
      en: ['The video call could not be established: the customer and the agent could not see each other.', 'The customer may retry once camera access and the connection work.'],
      de: ['Der Videoanruf kam nicht zustande: Person und Agent konnten sich nicht sehen.', 'Ein neuer Versuch ist möglich, sobald Kamerazugriff und Verbindung funktionieren.'],
    },
    customer: {
      en: ['The video call could not be set up, so there was no picture between you and our team.', 'Please allow access to your camera, check your connection and try again.'],
      de: ['Beim Videoanruf kam keine Bildverbindung zwischen Ihnen und unserem Team zustande.', 'Bitte erlauben Sie den Zugriff auf Ihre Kamera, prüfen Sie Ihre Verbindung und versuchen Sie es erneut.'],
    },
  },
  BAD_VIDEO: {
    retry: 'after_fix',
    staff: {
      en: ['The video call was established, but its quality was not good enough to continue.', 'The customer may retry with a better camera or a more stable connection.'],
      de: ['Der Videoanruf kam zustande, die Qualität reichte aber nicht aus, um fortzufahren.', 'Ein neuer Versuch ist mit einer besseren Kamera oder einer stabileren Verbindung möglich.'],
    },
    customer: {
      en: ['The video quality during the call was not good enough to continue.', 'Please check your camera and internet connection, then try again.'],
      de: ['Die Videoqualität im Anruf reichte nicht aus, um fortzufahren.', 'Bitte prüfen Sie Ihre Kamera und Ihre Internetverbindung und versuchen Sie es dann erneut.'],
    },
  },
  VIDEO_ENVIRONMENT: {
    retry: 'after_fix',
    staff: {
      en: ['The customer was not in suitable conditions for the video call.', 'The customer may retry from a quiet, well-lit place where they will not be disturbed.'],
      de: ['Die Umgebung der Person war für den Videoanruf nicht geeignet.', 'Ein neuer Versuch ist von einem ruhigen, gut beleuchteten Ort aus möglich, an dem die Person ungestört ist.'],
    },
    customer: {
      en: ['Your surroundings were not suitable for the video call.', 'Please try again from a quiet, well-lit place where you will not be disturbed.'],
      de: ['Ihre Umgebung war für den Videoanruf nicht geeignet.', 'Bitte versuchen Sie es erneut an einem ruhigen, gut beleuchteten Ort, an dem Sie ungestört sind.'],
    },
  },
  VIDEO_OTHER: {
    retry: 'after_fix',
    staff: {
      en: ['A problem with the video occurred that no more specific reason covers.', 'The customer may retry after checking camera and connection; if it repeats, ask IDnow for details.'],
      de: ['Es gab ein Problem mit dem Video, das kein spezifischerer Grund abdeckt.', `Ein neuer Versuch ist nach Prüfung von Kamera und Verbindung möglich; ${ASK_IDNOW_DE}`],
    },
    customer: {
      en: ['There was a problem with the video during your identification.', 'Please check your camera and internet connection, then try again.'],
      de: ['Während Ihrer Identifizierung gab es ein Problem mit dem Video.', 'Bitte prüfen Sie Ihre Kamera und Ihre Internetverbindung und versuchen Sie es dann erneut.'],
    },
  },
  NO_AUDIO: {
    retry: 'after_fix',
    staff: {
      en: ['No audio connection was established between the agent and the customer.', 'The customer may retry once microphone access and speakers work.'],
      de: ['Zwischen Agent und Person kam keine Tonverbindung zustande.', 'Ein neuer Versuch ist möglich, sobald Mikrofonzugriff und Lautsprecher funktionieren.'],
    },
    customer: {
      en: ['No sound connection could be established during the video call.', 'Please allow access to your microphone, check your speakers and try again.'],
      de: ['Im Videoanruf konnte keine Tonverbindung hergestellt werden.', 'Bitte erlauben Sie den Zugriff auf Ihr Mikrofon, prüfen Sie Ihre Lautsprecher und versuchen Sie es erneut.'],
    },
  },
  BAD_AUDIO: {
    retry: 'after_fix',
    staff: {
      en: ['The audio quality was not good enough to continue the call.', 'The customer may retry with a working microphone, for example a headset.'],
      de: ['Die Tonqualität reichte nicht aus, um den Anruf fortzusetzen.', 'Ein neuer Versuch ist mit einem funktionierenden Mikrofon möglich, etwa einem Headset.'],
    },
    customer: {
      en: ['The sound quality of your call was not good enough to continue.', 'Please try again with a working microphone, for example a headset.'],
      de: ['Die Tonqualität Ihres Anrufs reichte nicht aus, um fortzufahren.', 'Bitte versuchen Sie es mit einem funktionierenden Mikrofon erneut, zum Beispiel mit einem Headset.'],
    },
  },
  BAD_AUDIO_ENVIRONMENT: {
    retry: 'after_fix',
    staff: {
      en: ['There was audio disturbance in the call, such as background noise.', 'The customer may retry from a quiet place.'],
      de: ['Im Anruf gab es Tonstörungen, etwa durch Hintergrundgeräusche.', 'Ein neuer Versuch ist von einem ruhigen Ort aus möglich.'],
    },
    customer: {
      en: ['The sound of your call was disturbed, for example by background noise.', 'Please try again from a quiet place.'],
      de: ['Der Ton in Ihrem Anruf war gestört, zum Beispiel durch Hintergrundgeräusche.', 'Bitte versuchen Sie es von einem ruhigen Ort aus erneut.'],
    },
  },
  AUDIO_OTHER: {
    retry: 'after_fix',
    staff: {
      en: ['An audio problem occurred that no more specific reason covers.', 'The customer may retry after checking microphone and speakers; if it repeats, ask IDnow for details.'],
      de: ['Es gab ein Tonproblem, das kein spezifischerer Grund abdeckt.', `Ein neuer Versuch ist nach Prüfung von Mikrofon und Lautsprechern möglich; ${ASK_IDNOW_DE}`],
    },
    customer: {
      en: ['There was a problem with the sound during your identification.', 'Please check your microphone and speakers, then try again.'],
      de: ['Während Ihrer Identifizierung gab es ein Problem mit dem Ton.', 'Bitte prüfen Sie Ihr Mikrofon und Ihre Lautsprecher und versuchen Sie es dann erneut.'],
    },
  },
  BAD_PHOTO_QUALITY: {
    retry: 'after_fix',
    staff: {
      en: ['The photo of the ID document and/or of the customer was not good enough to conclude the identification.', 'The customer may retry in good lighting, holding the camera steady.'],
      de: ['Das Foto des Ausweisdokuments und/oder der Person war nicht gut genug, um die Identifizierung abzuschließen.', 'Ein neuer Versuch ist bei guter Beleuchtung und ruhig gehaltener Kamera möglich.'],
    },
    customer: {
      en: ['The photos of you or your ID document were not good enough to complete the identification.', 'Please try again in good lighting and hold your camera steady.'],
      de: ['Die Fotos von Ihnen oder Ihrem Ausweisdokument reichten nicht aus, um die Identifizierung abzuschließen.', 'Bitte versuchen Sie es bei guter Beleuchtung erneut und halten Sie Ihre Kamera ruhig.'],
    },
  },
  PHOTO_OTHER: {
    retry: 'after_fix',
    staff: {
      en: ['A problem with the photos occurred that no more specific reason covers.', 'The customer may retry in good lighting with a clean camera lens; if it repeats, ask IDnow for details.'],
      de: ['Es gab ein Problem mit den Fotos, das kein spezifischerer Grund abdeckt.', `Ein neuer Versuch ist bei guter Beleuchtung und sauberer Kameralinse möglich; ${ASK_IDNOW_DE}`],
    },
    customer: {
      en: ['There was a problem with the photos taken during your identification.', 'Please try again in good lighting with a clean camera lens.'],
      de: ['Bei den Fotos während Ihrer Identifizierung gab es ein Problem.', 'Bitte versuchen Sie es bei guter Beleuchtung und mit sauberer Kameralinse erneut.'],
    },
  },
  CONNECTION_LOST: {
    retry: 'yes',
    staff: {
      en: ['The call connection was lost.', 'The customer can simply try again, ideally on a stable connection.'],
      de: ['Die Verbindung des Anrufs ist abgebrochen.', 'Die Person kann es einfach erneut versuchen, am besten mit einer stabilen Verbindung.'],
    },
    customer: {
      en: ['The connection to your video call was lost.', STABLE_EN],
      de: ['Die Verbindung zu Ihrem Videoanruf ist abgebrochen.', STABLE_DE],
    },
  },
  CONNECTION_BAD: {
    retry: 'after_fix',
    staff: {
      en: ['The connection quality was not good enough to continue.', 'The customer may retry on a faster, more stable connection.'],
      de: ['Die Verbindungsqualität reichte nicht aus, um fortzufahren.', 'Ein neuer Versuch ist mit einer schnelleren, stabileren Verbindung möglich.'],
    },
    customer: {
      en: ['Your connection was not good enough to continue the video call.', 'Please try again with a faster, more stable internet connection.'],
      de: ['Ihre Verbindung war für die Fortsetzung des Videoanrufs nicht gut genug.', 'Bitte versuchen Sie es mit einer schnelleren, stabileren Internetverbindung erneut.'],
    },
  },
  NO_CONNECTION: {
    retry: 'after_fix',
    staff: {
      en: ['No connection between the agent and the customer could be established because of network issues.', 'The customer may retry once their network works, for example on another Wi-Fi or mobile network.'],
      de: ['Wegen Netzwerkproblemen kam keine Verbindung zwischen Agent und Person zustande.', 'Ein neuer Versuch ist möglich, sobald das Netzwerk funktioniert, etwa über ein anderes WLAN oder Mobilfunknetz.'],
    },
    customer: {
      en: ['Network problems prevented the connection to the video call.', 'Please check your network, or switch to another Wi-Fi or mobile network, and try again.'],
      de: ['Wegen Netzwerkproblemen konnte keine Verbindung zum Videoanruf hergestellt werden.', 'Bitte prüfen Sie Ihr Netzwerk oder wechseln Sie in ein anderes WLAN oder Mobilfunknetz und versuchen Sie es dann erneut.'],
    },
  },
  CONNECTION_OTHER: {
    retry: 'after_fix',
    staff: {
      en: ['A connection problem occurred that no more specific reason covers.', 'The customer may retry after checking their connection; if it repeats, ask IDnow for details.'],
      de: ['Es gab ein Verbindungsproblem, das kein spezifischerer Grund abdeckt.', `Ein neuer Versuch ist nach Prüfung der Verbindung möglich; ${ASK_IDNOW_DE}`],
    },
    customer: {
      en: ['There was a problem with the connection during your identification.', 'Please check your internet connection, then try again.'],
      de: ['Während Ihrer Identifizierung gab es ein Problem mit der Verbindung.', 'Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es dann erneut.'],
    },
  },
  IDENT_CODE_NOT_RECEIVED: {
    retry: 'yes',
    staff: {
      en: ['The ident code sent by SMS or email did not reach the customer; IDnow does not attribute this to the customer.', 'The customer can simply try again; check the mobile number and email address on file first.'],
      de: ['Der per SMS oder E-Mail gesendete Ident-Code hat die Person nicht erreicht; IDnow rechnet das nicht der Person zu.', 'Ein neuer Versuch ist direkt möglich; vorher die hinterlegte Mobilnummer und E-Mail-Adresse prüfen.'],
    },
    customer: {
      en: ['The identification code sent to you by text message or email did not arrive; this was not your fault.', SIMPLY_AGAIN_EN],
      de: ['Der Identifizierungscode per SMS oder E-Mail hat Sie nicht erreicht; das lag nicht an Ihnen.', SIMPLY_AGAIN_DE],
    },
  },
  IDENT_CODE_REPEATEDLY_INCORRECT: {
    retry: 'yes',
    staff: {
      en: ['The customer entered a wrong ident ID several times.', 'The customer can try again and should enter the code exactly as received.'],
      de: ['Die Person hat die Ident-ID mehrfach falsch eingegeben.', 'Ein neuer Versuch ist möglich; den Code genau so eingeben lassen, wie er empfangen wurde.'],
    },
    customer: {
      en: ['The code entered did not match several times.', 'Please try again and enter the code exactly as you received it.'],
      de: ['Der eingegebene Code stimmte mehrmals nicht überein.', 'Bitte versuchen Sie es erneut und geben Sie den Code genau so ein, wie Sie ihn erhalten haben.'],
    },
  },
  USER_ABORT_WHILE_WAITING: {
    retry: 'yes',
    staff: {
      en: ['The customer aborted the identification while waiting for an available agent.', 'The customer can simply start again.'],
      de: ['Die Person hat die Identifizierung abgebrochen, während sie auf einen freien Agenten wartete.', 'Die Person kann einfach neu beginnen.'],
    },
    customer: {
      en: ['You ended the identification while you were waiting for the video call to start.', START_AGAIN_EN],
      de: ['Sie haben die Identifizierung beendet, während Sie auf den Beginn des Videoanrufs gewartet haben.', START_AGAIN_DE],
    },
  },
  USER_STARTED_NEW_REQUEST: {
    retry: 'yes',
    staff: {
      en: ['The customer started another identification attempt from a different channel (web or app).', 'Check whether the other attempt completed before asking the customer to try again.'],
      de: ['Die Person hat einen weiteren Identifizierungsversuch über einen anderen Kanal (Web oder App) gestartet.', 'Vor einem neuen Versuch prüfen, ob der andere Versuch abgeschlossen wurde.'],
    },
    customer: {
      en: ['This attempt ended because you started another identification in the browser or the app.', 'Please complete the identification in one place only, either in the browser or in the app.'],
      de: ['Dieser Versuch wurde beendet, weil Sie eine weitere Identifizierung im Browser oder in der App gestartet haben.', 'Bitte schließen Sie die Identifizierung an nur einer Stelle ab, entweder im Browser oder in der App.'],
    },
  },
  USER_CANCELLATION: {
    retry: 'yes',
    staff: {
      en: ['The customer aborted the identification.', 'The customer can simply start again.'],
      de: ['Die Person hat die Identifizierung abgebrochen.', 'Die Person kann einfach neu beginnen.'],
    },
    customer: {
      en: ['You ended the identification before it was complete.', START_AGAIN_EN],
      de: ['Sie haben die Identifizierung vor dem Abschluss beendet.', START_AGAIN_DE],
    },
  },
  ENROLLED_TO_WAITING_LIST: {
    retry: 'no',
    staff: {
      en: ["The customer was put on IDnow's waiting list (voluntary or mandatory, depending on configuration) and cannot remove themselves from it.", 'Do not request another identification: restarting only shows a warning message; clarify the waiting list with IDnow.'],
      de: ['Die Person wurde auf die Warteliste von IDnow gesetzt (je nach Konfiguration freiwillig oder verpflichtend) und kann sich nicht selbst austragen.', 'Keine neue Identifizierung anstoßen, denn ein Neustart zeigt nur eine Warnmeldung; die Warteliste mit IDnow klären.'],
    },
    customer: {
      en: ['You have been placed on a waiting list for the video identification.', 'Please do not start the identification again while you are on the waiting list; our support team can answer any questions.'],
      de: ['Sie wurden auf eine Warteliste für die Videoidentifizierung gesetzt.', 'Bitte starten Sie die Identifizierung nicht neu, solange Sie auf der Warteliste stehen; bei Fragen hilft Ihnen unser Kundenservice.'],
    },
  },
  ID_NOT_SUPPORTED: {
    retry: 'after_fix',
    staff: {
      en: ['The customer used an ID document that is not supported for online identification.', 'The customer may retry with a supported ID document; check the list of accepted documents first.'],
      de: ['Die Person hat ein Ausweisdokument verwendet, das für die Online-Identifizierung nicht unterstützt wird.', 'Ein neuer Versuch ist mit einem unterstützten Ausweisdokument möglich; vorher die Liste der akzeptierten Dokumente prüfen.'],
    },
    customer: {
      en: ['The ID document you used is not supported for online identification.', 'Please try again with a different ID document that is supported.'],
      de: ['Das von Ihnen verwendete Ausweisdokument wird für die Online-Identifizierung nicht unterstützt.', 'Bitte versuchen Sie es mit einem anderen, unterstützten Ausweisdokument erneut.'],
    },
  },
  ID_DAMAGED: {
    retry: 'after_fix',
    staff: {
      en: ['The customer used an ID document that is damaged and not fit for online identification.', 'The customer may retry with another valid, undamaged ID document.'],
      de: ['Die Person hat ein beschädigtes Ausweisdokument verwendet, das sich nicht für die Online-Identifizierung eignet.', 'Ein neuer Versuch ist mit einem anderen gültigen, unbeschädigten Ausweisdokument möglich.'],
    },
    customer: {
      en: ['The ID document you used is damaged and cannot be used for online identification.', 'Please try again with another valid ID document that is not damaged.'],
      de: ['Ihr Ausweisdokument ist beschädigt und kann für die Online-Identifizierung nicht verwendet werden.', 'Bitte versuchen Sie es mit einem anderen gültigen, unbeschädigten Ausweisdokument erneut.'],
    },
  },
  ID_OTHER: {
    retry: 'after_fix',
    staff: {
      en: ['An issue with the ID document occurred that no more specific reason covers.', 'The customer may retry with a valid, supported ID document; if it repeats, ask IDnow for details.'],
      de: ['Es gab ein Problem mit dem Ausweisdokument, das kein spezifischerer Grund abdeckt.', `Ein neuer Versuch ist mit einem gültigen, unterstützten Ausweisdokument möglich; ${ASK_IDNOW_DE}`],
    },
    customer: {
      en: ['There was a problem with the ID document you used.', 'Please try again with a valid ID document that is supported.'],
      de: ['Mit dem von Ihnen verwendeten Ausweisdokument gab es ein Problem.', 'Bitte versuchen Sie es mit einem gültigen, unterstützten Ausweisdokument erneut.'],
    },
  },
  DISAGREE_WITH_VIDEO_RECORDING: {
    retry: 'after_fix',
    staff: {
      en: ['The customer did not agree to the video recording of the call.', 'A retry only makes sense once the customer agrees to the recording.'],
      de: ['Die Person war mit der Videoaufzeichnung des Anrufs nicht einverstanden.', 'Ein neuer Versuch ist nur sinnvoll, wenn die Person der Aufzeichnung zustimmt.'],
    },
    customer: {
      en: ['The video identification could not continue because you did not agree to the call being recorded.', 'If you agree to the recording, please try again.'],
      de: ['Die Videoidentifizierung konnte nicht fortgesetzt werden, weil Sie der Aufzeichnung des Anrufs nicht zugestimmt haben.', 'Wenn Sie mit der Aufzeichnung einverstanden sind, versuchen Sie es bitte erneut.'],
    },
  },
  INCORRECT_ID_NUMBER: {
    retry: 'yes',
    staff: {
      en: ['The ID number was entered wrongly during the identification; IDnow does not attribute this to the customer.', 'The customer can simply try again.'],
      de: ['Die Ausweisnummer wurde während der Identifizierung falsch erfasst; IDnow rechnet das nicht der Person zu.', 'Ein neuer Versuch ist direkt möglich.'],
    },
    customer: {
      en: ['Your ID number was recorded incorrectly during the identification; this was not your fault.', SIMPLY_AGAIN_EN],
      de: ['Ihre Ausweisnummer wurde während der Identifizierung nicht korrekt erfasst; das lag nicht an Ihnen.', SIMPLY_AGAIN_DE],
    },
  },
  INCORRECT_NAME_IN_QES: {
    retry: 'yes',
    staff: {
      en: ['Only for eSigning: a name mismatch was found after the qualified electronic signature (QES) was generated; IDnow does not attribute this to the customer.', 'The customer can simply try the signing again; check the name on file if it repeats.'],
      de: ['Nur bei eSigning: Nach Erzeugung der qualifizierten elektronischen Signatur (QES) fiel eine Namensabweichung auf; IDnow rechnet das nicht der Person zu.', 'Ein neuer Signaturversuch ist direkt möglich; bei Wiederholung den hinterlegten Namen prüfen.'],
    },
    customer: {
      en: ['After your electronic signature was created, the name in it did not match; this was not your fault.', 'Please simply start the signing again.'],
      de: ['Nach der Erstellung Ihrer elektronischen Signatur stimmte der Name darin nicht überein; das lag nicht an Ihnen.', 'Bitte starten Sie die Unterzeichnung einfach noch einmal.'],
    },
  },
  WRONG_PHONE_NUMBER: {
    retry: 'after_fix',
    staff: {
      en: ['Only for eSigning: the customer entered a wrong phone number.', 'The customer may retry once the correct mobile number is entered.'],
      de: ['Nur bei eSigning: Die Person hat eine falsche Telefonnummer eingegeben.', 'Ein neuer Versuch ist mit der richtigen Mobilnummer möglich.'],
    },
    customer: {
      en: ['The phone number given for your electronic signature was not correct.', 'Please check your mobile number and try again.'],
      de: ['Die für Ihre elektronische Signatur angegebene Telefonnummer war nicht korrekt.', 'Bitte prüfen Sie Ihre Mobilnummer und versuchen Sie es erneut.'],
    },
  },
  USER_ID_NUMBER: {
    retry: 'yes',
    staff: {
      en: ['The customer repeatedly read out the wrong ID document number.', 'The customer can try again and should read the number carefully from the document shown.'],
      de: ['Die Person hat wiederholt die falsche Nummer des Ausweisdokuments vorgelesen.', 'Ein neuer Versuch ist möglich; die Nummer sorgfältig vom vorgezeigten Dokument ablesen lassen.'],
    },
    customer: {
      en: ['The document number read out during the call did not match your ID document.', 'Please try again and read the number carefully from the ID document you are showing.'],
      de: ['Die im Anruf vorgelesene Dokumentnummer stimmte nicht mit Ihrem Ausweisdokument überein.', 'Bitte versuchen Sie es erneut und lesen Sie die Nummer sorgfältig von dem Ausweisdokument ab, das Sie vorzeigen.'],
    },
  },
  USER_IDENT_CODE: {
    retry: 'yes',
    staff: {
      en: ['The ident code was entered incorrectly several times.', 'The customer can try again and should enter the code exactly as received.'],
      de: ['Der Ident-Code wurde mehrfach falsch eingegeben.', 'Ein neuer Versuch ist möglich; den Code genau so eingeben lassen, wie er empfangen wurde.'],
    },
    customer: {
      en: ['The identification code entered was not accepted several times.', 'Please try again and enter the code exactly as you received it.'],
      de: ['Der eingegebene Identifizierungscode wurde mehrmals nicht akzeptiert.', 'Bitte versuchen Sie es erneut und geben Sie den Code genau so ein, wie Sie ihn erhalten haben.'],
    },
  },
  USER_LANGUAGE: {
    retry: 'no',
    staff: {
      en: ['The customer speaks a language the identification does not support.', PERMANENT_EN],
      de: ['Die Person spricht eine Sprache, die bei der Identifizierung nicht unterstützt wird.', PERMANENT_DE],
    },
    customer: {
      en: ['Unfortunately, the video identification is not available in your language.', CONTACT_SUPPORT_EN],
      de: ['Die Videoidentifizierung ist in Ihrer Sprache leider nicht verfügbar.', CONTACT_SUPPORT_DE],
    },
  },
  USER_NO_ID: {
    retry: 'after_fix',
    staff: {
      en: ['The customer currently has no ID card available.', 'The customer may retry once they have a valid ID document at hand.'],
      de: ['Die Person hat derzeit keinen Ausweis zur Hand.', 'Ein neuer Versuch ist möglich, sobald ein gültiges Ausweisdokument vorliegt.'],
    },
    customer: {
      en: ['You did not have an ID document with you for the identification.', 'Please try again once you have a valid ID document at hand.'],
      de: ['Sie hatten für die Identifizierung kein Ausweisdokument zur Hand.', 'Bitte versuchen Sie es erneut, sobald Sie ein gültiges Ausweisdokument bereitliegen haben.'],
    },
  },
  USER_WRONG_PERSON: {
    retry: 'after_fix',
    staff: {
      en: ['The person in the identification is not the applicant (for example, a spouse took the call); IDnow states there is no suspicion of fraud.', 'A retry only makes sense with the applicant in the call in person.'],
      de: ['Die Person in der Identifizierung ist nicht die antragstellende Person (etwa der Ehepartner); laut IDnow besteht kein Betrugsverdacht.', 'Ein neuer Versuch ist nur sinnvoll, wenn die antragstellende Person selbst am Anruf teilnimmt.'],
    },
    customer: {
      en: ['The person in the video call was not the person who applied.', 'Please make sure you take part in the video call yourself, as only the applicant can be identified.'],
      de: ['Die Person im Videoanruf war nicht die Person, die den Antrag gestellt hat.', 'Bitte nehmen Sie selbst am Videoanruf teil, da nur die antragstellende Person identifiziert werden kann.'],
    },
  },
  INDECENT_BEHAVIOUR: {
    retry: 'no',
    staff: {
      en: ['The customer behaved indecently towards the agent.', PERMANENT_EN],
      de: ['Die Person hat sich gegenüber dem Agenten ungebührlich verhalten.', PERMANENT_DE],
    },
    customer: {
      en: [NOT_COMPLETED_EN, 'A new video identification is unfortunately not possible; please contact our support team if you have any questions.'],
      de: [NOT_COMPLETED_DE, 'Eine neue Videoidentifizierung ist leider nicht möglich; bei Fragen wenden Sie sich bitte an unseren Kundenservice.'],
    },
  },
  OTHER_ABUSE: {
    retry: 'after_fix',
    staff: {
      en: ['The procedure was abused or the customer behaved inappropriately.', 'Review the case before allowing another attempt; the reason is not permanent.'],
      de: ['Das Verfahren wurde missbraucht oder die Person hat sich unangemessen verhalten.', 'Vor einem neuen Versuch den Fall prüfen; der Grund ist nicht dauerhaft.'],
    },
    customer: {
      en: [NOT_COMPLETED_EN, 'Please contact our support team before you try again.'],
      de: [NOT_COMPLETED_DE, 'Bitte wenden Sie sich an unseren Kundenservice, bevor Sie es erneut versuchen.'],
    },
  },
  OTHER_MISCELLANEOUS_PERMANENT: {
    retry: 'no',
    staff: {
      en: ['An error occurred that no specific reason covers, and it cannot be solved.', 'Do not request another identification: the reason is permanent; ask IDnow for details.'],
      de: ['Es trat ein sonstiger Fehler auf, den kein spezifischer Grund abdeckt und der sich nicht beheben lässt.', 'Keine neue Identifizierung anstoßen: Der Grund ist dauerhaft; Details bei IDnow erfragen.'],
    },
    customer: {
      en: [NOT_COMPLETED_EN, 'Unfortunately, the identification cannot be repeated; please contact our support team if you have any questions.'],
      de: [NOT_COMPLETED_DE, 'Die Identifizierung lässt sich leider nicht wiederholen; bei Fragen wenden Sie sich bitte an unseren Kundenservice.'],
    },
  },
  OTHER_MISCELLANEOUS_TEMPORARY: {
    retry: 'yes',
    staff: {
      en: ['An error occurred that no specific reason covers; IDnow says a retry can solve it.', 'The customer can simply try again.'],
      de: ['Es trat ein sonstiger Fehler auf, den kein spezifischer Grund abdeckt; laut IDnow behebt ein neuer Versuch ihn.', 'Die Person kann es einfach erneut versuchen.'],
    },
    customer: {
      en: ['Your identification could not be completed this time.', SIMPLY_AGAIN_EN],
      de: ['Ihre Identifizierung konnte diesmal nicht abgeschlossen werden.', SIMPLY_AGAIN_DE],
    },
  },
  OTHER_TEST: {
    retry: 'yes',
    staff: {
      en: ['The identification was a test call.', 'No action is needed; a real identification has to be started separately.'],
      de: ['Die Identifizierung war ein Testanruf.', 'Kein Handlungsbedarf; eine echte Identifizierung muss separat gestartet werden.'],
    },
    customer: {
      en: ['This identification was carried out as a test call.', 'If you want to identify yourself, please start a new identification.'],
      de: ['Diese Identifizierung wurde als Testanruf durchgeführt.', 'Wenn Sie sich identifizieren möchten, starten Sie bitte eine neue Identifizierung.'],
    },
  },
  OTHER_ERROR: {
    retry: 'yes',
    staff: {
      en: ['An error occurred that IDnow does not define further.', 'The customer can try again; if it repeats, ask IDnow for details.'],
      de: ['Es trat ein Fehler auf, den IDnow nicht näher bestimmt.', `Ein neuer Versuch ist möglich; ${ASK_IDNOW_DE}`],
    },
    customer: {
      en: ['Your identification could not be completed this time.', 'Please try again.'],
      de: ['Ihre Identifizierung konnte diesmal nicht abgeschlossen werden.', 'Bitte versuchen Sie es erneut.'],
    },
  },
  STALLED_TIMEOUT: {
    retry: 'yes',
    staff: {
      en: ['The identification process ran for too long, so the request was cancelled.', 'The customer can simply start again.'],
      de: ['Der Identifizierungsvorgang lief zu lange, daher wurde die Anfrage abgebrochen.', 'Die Person kann einfach neu beginnen.'],
    },
    customer: {
      en: ['Your identification took too long and was therefore stopped.', 'Please start the identification again.'],
      de: ['Ihre Identifizierung hat zu lange gedauert und wurde deshalb beendet.', 'Bitte starten Sie die Identifizierung erneut.'],
    },
  },
  NO_SECURITY_QUESTION_ASKED: {
    retry: 'yes',
    staff: {
      en: ['A reviewer or supervisor cancelled the identification because not enough security questions were asked.', 'The customer can simply try again.'],
      de: ['Ein Reviewer oder Supervisor hat die Identifizierung abgebrochen, weil nicht genügend Sicherheitsfragen gestellt wurden.', 'Die Person kann es einfach erneut versuchen.'],
    },
    customer: {
      en: ['Your identification could not be completed because a required step of the video call was not carried out.', SIMPLY_AGAIN_EN],
      de: ['Ihre Identifizierung konnte nicht abgeschlossen werden, weil ein notwendiger Schritt im Videoanruf nicht durchgeführt wurde.', SIMPLY_AGAIN_DE],
    },
  },
  SECURITY_QUESTION_NOT_CORRECT_ANSWERED: {
    retry: 'yes',
    staff: {
      en: ['A reviewer or supervisor was not satisfied with the answers to the security questions and cancelled the identification.', 'Another attempt is possible; review the case first if the answers raised doubts.'],
      de: ['Ein Reviewer oder Supervisor war mit den Antworten auf die Sicherheitsfragen nicht zufrieden und hat die Identifizierung abgebrochen.', 'Ein neuer Versuch ist möglich; bei Zweifeln an den Antworten vorher den Fall prüfen.'],
    },
    customer: {
      en: [NOT_COMPLETED_EN, 'Please try the identification again.'],
      de: [NOT_COMPLETED_DE, 'Bitte versuchen Sie die Identifizierung erneut.'],
    },
  },
  SECURITY_QUESTION: {
    retry: 'yes',
    staff: {
      en: ['A supervisor was not satisfied with the answers to the security questions and cancelled the identification.', 'Another attempt is possible; review the case first if the answers raised doubts.'],
      de: ['Ein Supervisor war mit den Antworten auf die Sicherheitsfragen nicht zufrieden und hat die Identifizierung abgebrochen.', 'Ein neuer Versuch ist möglich; bei Zweifeln an den Antworten vorher den Fall prüfen.'],
    },
    customer: {
      en: [NOT_COMPLETED_EN, 'Please try the identification again.'],
      de: [NOT_COMPLETED_DE, 'Bitte versuchen Sie die Identifizierung erneut.'],
    },
  },
  CALL_QUALITY_FAIL: {
    retry: 'after_fix',
    staff: {
      en: ['The network pre-check found the bandwidth lower than needed for a successful video call.', 'The customer may retry on a faster connection, for example a stable Wi-Fi network.'],
      de: ['Der Netzwerk-Vorabtest ergab eine geringere Bandbreite, als für einen erfolgreichen Videoanruf nötig ist.', 'Ein neuer Versuch ist mit einer schnelleren Verbindung möglich, etwa über ein stabiles WLAN.'],
    },
    customer: {
      en: ['A check before the call found that your internet connection is too slow for a video call.', 'Please try again with a faster connection, for example a stable Wi-Fi network.'],
      de: ['Eine Prüfung vor dem Anruf hat ergeben, dass Ihre Internetverbindung für einen Videoanruf zu langsam ist.', 'Bitte versuchen Sie es mit einer schnelleren Verbindung erneut, zum Beispiel über ein stabiles WLAN.'],
    },
  },
  NO_ESIGN_FRAUD: {
    retry: 'after_fix',
    staff: {
      en: ['Only for eSigning: the agent cancelled the call before signing, believing it fraudulent; it goes to review as FRAUD_SUSPICION_PENDING.', 'Offer no retry until that review is resolved, and never disclose the suspicion to the customer.'],
      de: ['Nur bei eSigning: Der Agent hat den Anruf vor der Signatur wegen Betrugsverdachts abgebrochen; der Fall geht als FRAUD_SUSPICION_PENDING in die Prüfung.', 'Keinen neuen Versuch anbieten, bevor diese Prüfung abgeschlossen ist, und den Verdacht der Person gegenüber nie offenlegen.'],
    },
    customer: {
      en: ['We could not complete your electronic signature.', 'Please contact our support team before you try again.'],
      de: ['Wir konnten Ihre elektronische Signatur nicht abschließen.', 'Bitte wenden Sie sich an unseren Kundenservice, bevor Sie es erneut versuchen.'],
    },
  },
};

const guidance = ([whatHappened, nextStep]: Pair): Guidance => Object.freeze({ whatHappened, nextStep });

/** Every catalog code's guidance, frozen so no caller can change what staff and customers are told. */
export const FAILURE_GUIDANCE: Readonly<Record<FailureCodeName, FailureGuidance>> = Object.freeze(
  Object.fromEntries(
    Object.entries(TEXTS).map(([code, t]) => [
      code,
      Object.freeze({
        retry: t.retry,
        staff: Object.freeze({ en: guidance(t.staff.en), de: guidance(t.staff.de) }),
        customer: Object.freeze({ en: guidance(t.customer.en), de: guidance(t.customer.de) }),
      }),
    ]),
  ) as Record<FailureCodeName, FailureGuidance>,
);

/** The guidance for a reason IDnow sent, or undefined for one the catalog does not list. */
export function guidanceFor(code: string): FailureGuidance | undefined {
  return isFailureCode(code) ? FAILURE_GUIDANCE[code] : undefined;
}
