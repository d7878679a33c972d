// Plain errors: the documents service maps them to HTTP answers (413, 500 with an error id, 404).

export class DocumentTooLargeError extends Error {
  override readonly name = 'DocumentTooLargeError';

  constructor(readonly maxBytes: number) {
    super(`document exceeds ${maxBytes} bytes`);
  }
}

export class DocumentCorruptedError extends Error {
  override readonly name = 'DocumentCorruptedError';

  constructor(readonly key: string) {
    super(`stored document ${key} does not match its recorded size and sha256`);
  }
}

export class DocumentMissingError extends Error {
  override readonly name = 'DocumentMissingError';

  constructor(readonly key: string) {
    super(`stored document ${key} is missing`);
  }
}

/** A key outside the allowed shape: a programming error, never user input. */
export class InvalidDocumentKeyError extends Error {
  override readonly name = 'InvalidDocumentKeyError';

  constructor(key: string) {
    super(`invalid document key ${JSON.stringify(key.slice(0, 200))}`);
  }
}
