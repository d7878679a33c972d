/** IDnow failure and cancellation reasons (seed, Appendix I "IDnow failure codes"), in the seed's order. */
export type FailureCategory = 'DATA' | 'Technical' | 'User' | 'Other';

/** The seed's "Caused by User?" column; its "-" means the provider does not say. */
export type CausedByUser = 'yes' | 'no' | 'unknown';

export interface FailureCode {
  readonly code: string;
  readonly category: FailureCategory;
  readonly description: string;
  readonly permanent: boolean;
  readonly causedByUser: CausedByUser;
}

type Row = readonly [code: string, permanent: boolean, causedByUser: CausedByUser, description: string];

// Descriptions are verbatim, typos included ("disturabce"), so they match what IDnow and Solaris publish.
// One line per code, like the seed's table, so a diff against the seed stays readable.
// prettier-ignore
const ROWS = {
  DATA: [
    ['DATA_APPLICATION_ADDRESS', true, 'yes', 'Address from application does not match address from ID document and cannot be corrected.'],
    ['DATA_APPLICATION_DATA', true, 'yes', 'Data from application and data from the ID document do not match and cannot be corrected.'],
    ['DATA_ID_EXPIRED', false, 'yes', 'The validity date of the ID document has expired. User must use a different document.'],
  ],
  Technical: [
    ['TECH_AUDIO', false, 'yes', 'Poor audio quality. Audio quality is poor or user/agent inaudible.'],
    ['TECH_DISCONNECTED_VIDEO', false, 'yes', 'The video stream has disconnected during the identification.'],
    ['TECH_DISCONNECTED_WEBSOCKET', false, 'yes', 'The websocket connection is disconnected during the identification. Normally caused by loss of internet connection by the user.'],
    ['TECH_HOLOGRAM', false, 'yes', 'Security features not visible or broken. No suspicion of fraud.'],
    ['TECH_ID_TYPE', false, 'yes', 'ID document is not allowed or is not supported.'],
    ['TECH_IDENT_CODE_DELIVERY', false, 'yes', 'User was unable to receive the ident code SMS.'],
    ['TECH_INTERNAL_SERVER_ERROR', false, 'no', 'An error occurred on server.'],
    ['TECH_INTERNET_CONNECTION', false, 'yes', 'Internet connection of the user is not fast enough.'],
    ['TECH_LIGHTING', false, 'yes', 'Poor lighting. Person or ID document not sufficiently visible.'],
    ['TECH_PHOTO', false, 'yes', 'Poor photo quality. Person or ID document not sufficiently sharp and recognizable.'],
    ['TECH_TIMEOUT', false, 'yes', 'The identification request was open too long. Identification requests get aborted after 30 minutes.'],
    ['TECH_VIDEO', false, 'yes', 'Poor video quality or camera not good enough. Person or ID document not sufficiently sharp and recognizable.'],
    ['NO_VIDEO', false, 'yes', 'Video call could not established. User and Agent do not see each other.'],
    ['BAD_VIDEO', false, 'yes', 'Video call established, but is not of enough quality to continue.'],
    ['VIDEO_ENVIRONMENT', false, 'yes', 'User is not in ideal conditions to perform the video call.'],
    ['VIDEO_OTHER', false, 'yes', 'Any other problem with video not covered by other reasons.'],
    ['NO_AUDIO', false, 'yes', 'No audio established between Agent and User.'],
    ['BAD_AUDIO', false, 'yes', 'Audio is not of enough quality to continue with the call.'],
    ['BAD_AUDIO_ENVIRONMENT', false, 'yes', 'Audio disturabce in the call.'],
    ['AUDIO_OTHER', false, 'yes', 'Any other audio issues not covered by other reasons.'],
    ['BAD_PHOTO_QUALITY', false, 'yes', 'ID and/or User photo is not of good quality to successfully conclude the identification.'],
    ['PHOTO_OTHER', false, 'yes', 'Other problems related to the photo.'],
    ['CONNECTION_LOST', false, 'yes', 'Call connection lost.'],
    ['CONNECTION_BAD', false, 'yes', 'Connection is not good quality to continue.'],
    ['NO_CONNECTION', false, 'yes', 'Connection between Agent and User not established due to network issues.'],
    ['CONNECTION_OTHER', false, 'yes', 'Any Other issues with connection not covered by other reasons.'],
    ['IDENT_CODE_NOT_RECEIVED', false, 'no', 'Ident code SMS/email not received by the user.'],
    ['IDENT_CODE_REPEATEDLY_INCORRECT', false, 'yes', 'User entered wrong Ident Id multiple times.'],
  ],
  User: [
    ['USER_ABORT_WHILE_WAITING', false, 'yes', 'User has aborted the identification while he was waiting for an available agent.'],
    ['USER_STARTED_NEW_REQUEST', false, 'yes', 'User has started another ident attempt from different channel (web/app).'],
    ['USER_CANCELLATION', false, 'yes', 'User has aborted the identification.'],
    ['ENROLLED_TO_WAITING_LIST', true, 'yes', 'User has been put on the waiting-list. Depending on the configuration, this can be voluntary or mandatory, or a mix of both. Users cannot remove themselves from the waiting-list, restarting the Ident will lead to a warning message.'],
    ['ID_NOT_SUPPORTED', false, 'yes', 'User is using an ID document that is not supported for the online identification process.'],
    ['ID_DAMAGED', false, 'yes', 'User is using an ID document that is damaged and not fit for the online identification process.'],
    ['ID_OTHER', false, 'yes', 'Any other ID related issue not covered by other reasons.'],
    ['DISAGREE_WITH_VIDEO_RECORDING', false, 'yes', 'User disagrees with Video Recording of the call.'],
    ['INCORRECT_ID_NUMBER', false, 'no', 'ID number is wrongly entered during identification'],
    ['INCORRECT_NAME_IN_QES', false, 'no', 'Only for eSigning. Name mismatch found after QES generation.'],
    ['WRONG_PHONE_NUMBER', false, 'yes', 'Only for eSigning. User entered wrong phone number.'],
    ['USER_ID_NUMBER', false, 'yes', 'User repeatedly reads the wrong ID document number.'],
    ['USER_IDENT_CODE', false, 'yes', 'Ident code repeatedly entered incorrectly.'],
    ['USER_LANGUAGE', true, 'yes', 'User speaks unsupported language.'],
    ['USER_NO_ID', false, 'yes', 'User has currently no ID card available.'],
    ['USER_WRONG_PERSON', false, 'yes', 'The person of application and identification do not match. For example, husband has opened bank account, but wife is in the identification call. No suspicion of fraud.'],
    ['INDECENT_BEHAVIOUR', true, 'yes', 'User exhibited behavior towards agent that is indecent.'],
  ],
  Other: [
    ['OTHER_ABUSE', false, 'yes', 'Abuse of the procedure. Inappropriate behavior.'],
    ['OTHER_MISCELLANEOUS_PERMANENT', true, 'unknown', 'Other error, which is not covered by specific error. Cannot be solved.'],
    ['OTHER_MISCELLANEOUS_TEMPORARY', false, 'unknown', 'Other error, which is not covered by specific error. Can be solved by a retry.'],
    ['OTHER_TEST', false, 'yes', 'Identification was a test call.'],
    ['OTHER_ERROR', false, 'yes', 'Any other error, not further defined.'],
    ['STALLED_TIMEOUT', false, 'unknown', 'When an identification process is running for too long, then the identification request will be cancelled with this reason.'],
    ['NO_SECURITY_QUESTION_ASKED', false, 'unknown', 'If enough security questions are not asked during an ident, reviewer/supervisor may cancel the ident with this reason.'],
    ['SECURITY_QUESTION_NOT_CORRECT_ANSWERED', false, 'unknown', 'If reviewer/supervisor is not satisfied with the answers to security question, they may cancel the ident with this reason.'],
    ['SECURITY_QUESTION', false, 'unknown', 'If a supervisor is not satisfied with the answers to security question, they may cancel the ident with this reason.'],
    ['CALL_QUALITY_FAIL', false, 'yes', 'During network pre-check; the network bandwidth is found to be lower than expected to conduct a successful video call.'],
    ['NO_ESIGN_FRAUD', false, 'yes', 'For eSign transactions, agents must cancel a call if they believe it is fraudulent before it comes to the signing step. It will then be submitted for review with the status FRAUD_SUSPICION_PENDING'],
  ],
} as const satisfies Record<FailureCategory, readonly Row[]>;

export type FailureCodeName = (typeof ROWS)[FailureCategory][number][0];

export const FAILURE_CODES: readonly FailureCode[] = Object.freeze(
  (Object.entries(ROWS) as [FailureCategory, readonly Row[]][]).flatMap(([category, rows]) =>
    rows.map(([code, permanent, causedByUser, description]) =>
      Object.freeze({ code, category, description, permanent, causedByUser }),
    ),
  ),
);

const BY_CODE = new Map(FAILURE_CODES.map((f) => [f.code, f]));

/** The catalog entry for a reason IDnow sent, or undefined for one the seed does not list. */
export function failureCode(code: string): FailureCode | undefined {
  return BY_CODE.get(code);
}

export function isFailureCode(code: string): code is FailureCodeName {
  return BY_CODE.has(code);
}
