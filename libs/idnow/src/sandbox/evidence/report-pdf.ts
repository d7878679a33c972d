import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { agentChecks, type CheckState } from './agent-checks.js';
import { type CheckedField, type EvidenceFacts, isoUtc } from './evidence-facts.js';
import { toWinAnsi } from './text.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.42, 0.45, 0.5);
const RULE = rgb(0.82, 0.84, 0.87);
const STATE_COLOUR: Record<CheckState, ReturnType<typeof rgb>> = {
  PASS: rgb(0.1, 0.5, 0.22),
  FAIL: rgb(0.75, 0.12, 0.12),
  PENDING: rgb(0.7, 0.45, 0.05),
};

export const REPORT_TITLE = 'Identification report';
export const REPORT_PRODUCER = 'KYC back-office IDnow sandbox';

/** A top-to-bottom writer over A4 pages that starts a new page when the current one is full. */
class Writer {
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private room(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  /** Text cut to `width` points with an ellipsis, in WinAnsi so the standard fonts never throw. */
  fit(text: string, font: PDFFont, size: number, width: number): string {
    let t = toWinAnsi(text);
    if (font.widthOfTextAtSize(t, size) <= width) return t;
    while (t.length > 0 && font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
    return `${t}…`;
  }

  text(
    x: number,
    text: string,
    opts: { size?: number; font?: PDFFont; colour?: ReturnType<typeof rgb> } = {},
  ) {
    const size = opts.size ?? 10;
    const font = opts.font ?? this.regular;
    const fitted = this.fit(text, font, size, A4[0] - MARGIN - x);
    this.page.drawText(fitted, { x, y: this.y, size, font, color: opts.colour ?? INK });
  }

  line(height: number): void {
    this.y -= height;
    this.room(0);
  }

  heading(text: string): void {
    this.room(40);
    this.y -= 14;
    this.text(MARGIN, text, { size: 13, font: this.bold });
    this.y -= 6;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.7,
      color: RULE,
    });
    this.y -= 14;
  }

  /** A row of cells at the given x positions; each cell is cut to the next column. */
  row(cells: { x: number; text: string; font?: PDFFont; colour?: ReturnType<typeof rgb> }[], size = 9.5) {
    this.room(14);
    cells.forEach((c, i) => {
      const right = cells[i + 1]?.x ?? A4[0] - MARGIN;
      const font = c.font ?? this.regular;
      const fitted = this.fit(c.text, font, size, right - c.x - 6);
      this.page.drawText(fitted, { x: c.x, y: this.y, size, font, color: c.colour ?? INK });
    });
    this.y -= 14;
  }

  footers(txn: string): void {
    const pages = this.doc.getPages();
    pages.forEach((p, i) => {
      const text = this.fit(
        `${REPORT_PRODUCER} - ${txn} - page ${i + 1} of ${pages.length}`,
        this.regular,
        8,
        480,
      );
      p.drawText(text, { x: MARGIN, y: MARGIN - 20, size: 8, font: this.regular, color: MUTED });
    });
  }
}

const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '-' : v);

function keyValues(w: Writer, pairs: [string, string][]): void {
  for (const [k, v] of pairs)
    w.row([
      { x: MARGIN, text: k, colour: MUTED },
      { x: 190, text: dash(v) },
    ]);
}

function fieldTable(w: Writer, fields: CheckedField[], withOriginal: boolean): void {
  const cols = withOriginal ? [MARGIN, 160, 360, 430] : [MARGIN, 160, 430];
  const head = withOriginal ? ['Field', 'Value', 'Status', 'Original (sent)'] : ['Field', 'Value', 'Status'];
  w.row(head.map((text, i) => ({ x: cols[i] ?? MARGIN, text, font: w.bold })));
  for (const f of fields) {
    const cells = [
      { x: cols[0] ?? MARGIN, text: f.label, colour: MUTED },
      { x: cols[1] ?? MARGIN, text: dash(f.value) },
      { x: cols[2] ?? MARGIN, text: f.status, font: f.status === 'CHANGE' ? w.bold : w.regular },
    ];
    if (withOriginal)
      cells.push({ x: cols[3] ?? MARGIN, text: f.status === 'CHANGE' ? dash(f.original) : '' });
    w.row(cells);
  }
}

/**
 * The KYC report IDnow puts in the evidence zip as `{txn}.pdf`: who was identified, how, with what
 * document and which corrections. Deterministic: the same facts give the same bytes.
 */
export async function buildReportPdf(facts: EvidenceFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );
  w.text(MARGIN, REPORT_TITLE, { size: 20, font: w.bold });
  w.line(18);
  w.text(MARGIN, 'IDnow video identification - sandbox test system, not a real identification', {
    size: 9,
    colour: MUTED,
  });
  w.line(8);

  w.heading('Identification');
  keyValues(w, [
    ['Transaction number', facts.transactionNumber],
    ['Ident id (reference)', facts.identId],
    ['Company', facts.companyId],
    ['Result', facts.result],
    ['Reason', facts.reason ?? ''],
    ['Agent', facts.agentName],
    ['Identification type', facts.type],
    ['Created', isoUtc(facts.createdAt)],
    ['Call started', isoUtc(facts.startedAt)],
    ['Identified', isoUtc(facts.identifiedAt)],
  ]);

  w.heading('Person data as checked by the agent');
  fieldTable(w, facts.fields, true);

  w.heading('Identity document');
  fieldTable(w, facts.document, false);

  w.heading("Agent's checks");
  for (const c of agentChecks(facts.result)) {
    w.row([
      { x: MARGIN, text: c.label },
      { x: 430, text: c.state, font: w.bold, colour: STATE_COLOUR[c.state] },
    ]);
  }

  w.heading('Changed fields');
  const changed = facts.fields.filter((f) => f.status === 'CHANGE');
  if (changed.length === 0) w.row([{ x: MARGIN, text: 'none' }]);
  for (const f of changed) {
    w.row([
      { x: MARGIN, text: f.label, colour: MUTED },
      { x: 160, text: `${dash(f.original)} -> ${dash(f.value)}` },
    ]);
  }
  w.footers(facts.transactionNumber);

  doc.setTitle(REPORT_TITLE, { showInWindowTitleBar: true });
  doc.setSubject(`IDnow identification ${toWinAnsi(facts.transactionNumber)}`);
  doc.setAuthor('IDnow sandbox');
  doc.setCreator(REPORT_PRODUCER);
  doc.setProducer(REPORT_PRODUCER);
  doc.setKeywords(['KYC', 'IDnow', facts.result]);
  doc.setCreationDate(facts.identifiedAt);
  doc.setModificationDate(facts.identifiedAt);
  return doc.save({ useObjectStreams: false });
}
