import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { createRecorded, type FilterColumn, queryPage } from '#kyc/database';
import type { DocumentRecord } from './document.record.js';

interface Row {
  id: string;
  partner_id: string;
  person_id: string;
  identification_id: string | null;
  name: string;
  content_type: string;
  document_type: DocumentRecord['documentType'];
  size: string | number;
  sha256: string;
  storage_key: string;
  source: DocumentRecord['source'];
  provider_file: string | null;
  partner_visible: boolean;
  customer_accessible: boolean;
  provider_canceled_at: Date | null;
  created_at: Date;
  deleted_at: Date | null;
}

const COLUMNS = `id, partner_id, person_id, identification_id, name, content_type, document_type, size, sha256,
  storage_key, source, provider_file, partner_visible, customer_accessible, provider_canceled_at, created_at, deleted_at`;

const QUALIFIED = COLUMNS.split(',')
  .map((c) => `d.${c.trim()}`)
  .join(', ');

/** What a partner sees: its own, visible, not deleted documents. */
const PARTNER_SCOPE = `partner_id = $1 AND partner_visible AND deleted_at IS NULL`;

const ADMIN_FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'd.id', op: '=' },
  person_id: { sql: 'd.person_id', op: '=' },
  identification_id: { sql: 'd.identification_id', op: '=' },
  partner_id: { sql: 'd.partner_id', op: '=' },
  document_type: { sql: 'd.document_type', op: '=' },
  source: { sql: 'd.source', op: '=' },
};
const ADMIN_SORTS = { created_at: 'd.created_at', document_type: 'd.document_type', size: 'd.size' };

/** The only file of this lib's partner and staff paths that touches the database. */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Insert; a provider file already stored for the identification is not stored twice (answers false). A
   * partner's upload is recorded for a retry with its Idempotency-Key (createRecorded).
   */
  async insert(d: DocumentRecord): Promise<boolean> {
    const rows = await createRecorded(
      this.ds,
      (m) =>
        m.query<{ id: string }[]>(
          `INSERT INTO documents (${COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (identification_id, provider_file, sha256) WHERE provider_file IS NOT NULL DO NOTHING
       RETURNING id`,
          [
            d.id,
            d.partnerId,
            d.personId,
            d.identificationId,
            d.name,
            d.contentType,
            d.documentType,
            d.size,
            d.sha256,
            d.storageKey,
            d.source,
            d.providerFile,
            d.partnerVisible,
            d.customerAccessible,
            d.providerCanceledAt,
            d.createdAt,
            d.deletedAt,
          ],
        ),
      (inserted) =>
        inserted.length === 1 && d.source === 'partner'
          ? `/v1/persons/${d.personId}/documents/${d.id}`
          : null,
    );
    return rows.length === 1;
  }

  async listByPerson(
    partnerId: string,
    personId: string,
    page: { number: number; size: number },
  ): Promise<DocumentRecord[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT ${COLUMNS} FROM documents WHERE ${PARTNER_SCOPE} AND person_id = $2
        ORDER BY created_at, id LIMIT $3 OFFSET $4`,
      [partnerId, personId, page.size, (page.number - 1) * page.size],
    );
    return rows.map(toRecord);
  }

  async listByIdentification(partnerId: string, identificationId: string): Promise<DocumentRecord[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT ${COLUMNS} FROM documents WHERE ${PARTNER_SCOPE} AND identification_id = $2
        ORDER BY created_at, id`,
      [partnerId, identificationId],
    );
    return rows.map(toRecord);
  }

  async findForPartner(partnerId: string, personId: string, id: string): Promise<DocumentRecord | null> {
    const rows = await this.ds.query<Row[]>(
      `SELECT ${COLUMNS} FROM documents WHERE ${PARTNER_SCOPE} AND person_id = $2 AND id = $3`,
      [partnerId, personId, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Hide from the partner; the row and the file stay for retention. Answers the row, or null if not found. */
  async softDelete(
    partnerId: string,
    personId: string,
    id: string,
    at: Date,
  ): Promise<DocumentRecord | null> {
    const [rows] = await this.ds.query<[Row[], number]>(
      `UPDATE documents SET deleted_at = $4 WHERE ${PARTNER_SCOPE} AND person_id = $2 AND id = $3
       RETURNING ${COLUMNS}`,
      [partnerId, personId, id, at],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByIdUnscoped(id: string): Promise<DocumentRecord | null> {
    const rows = await this.ds.query<Row[]>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Every document, deleted and compliance-only ones included, for staff (react-admin list contract). */
  async listUnscoped(q: ListQuery): Promise<{ rows: DocumentRecord[]; total: number }> {
    const page = await queryPage<Row>(
      this.ds,
      {
        select: `SELECT ${QUALIFIED} FROM documents d`,
        count: `SELECT count(*)::int AS total FROM documents d`,
      },
      q,
      { filters: ADMIN_FILTERS, sorts: ADMIN_SORTS, tiebreak: 'd.id' },
    );
    return { rows: page.rows.map(toRecord), total: page.total };
  }
}

function toRecord(r: Row): DocumentRecord {
  return {
    id: r.id,
    partnerId: r.partner_id,
    personId: r.person_id,
    identificationId: r.identification_id,
    name: r.name,
    contentType: r.content_type,
    documentType: r.document_type,
    size: Number(r.size),
    sha256: r.sha256,
    storageKey: r.storage_key,
    source: r.source,
    providerFile: r.provider_file,
    partnerVisible: r.partner_visible,
    customerAccessible: r.customer_accessible,
    providerCanceledAt: r.provider_canceled_at,
    createdAt: r.created_at,
    deletedAt: r.deleted_at,
  };
}
