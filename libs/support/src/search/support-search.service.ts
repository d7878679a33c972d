import { Injectable } from '@nestjs/common';
import { type AuditActor, AuditService } from '#kyc/audit';
import type { Tx } from '#kyc/database';
import type { SearchRequest, SearchTerm } from './search-query.js';
import { type SearchResponse, toSearchResult } from './search-result.dto.js';
import { type SearchHit, SupportSearchRepository } from './support-search.repository.js';

/**
 * One box for every way a customer describes themselves. Each search is audited with the kind of query
 * and the number of results, never the text (it is personal data).
 */
@Injectable()
export class SupportSearchService {
  constructor(
    private readonly repo: SupportSearchRepository,
    private readonly audit: AuditService,
  ) {}

  search(req: SearchRequest, actor: AuditActor): Promise<SearchResponse> {
    return this.repo.inTransaction(async (tx) => {
      let { term } = req;
      let hits = await this.find(tx, term, req.limit);
      // "Abc-Defgh" may be a reference or a double name: a reference nobody carries is read as a name.
      if (term.kind === 'reference' && !hits.length) {
        term = { kind: 'name', name: term.value };
        hits = await this.find(tx, term, req.limit);
      }
      const fuzzy = term.kind === 'name' || term.kind === 'name_and_birth_date';
      const results = hits.map((h) => toSearchResult(h, fuzzy ? 'fuzzy' : 'exact'));
      await this.audit.record(
        {
          ...actor,
          action: 'support.search',
          entityType: 'person',
          diff: { kind: term.kind, results: results.length },
        },
        tx,
      );
      return { kind: term.kind, results };
    });
  }

  private find(tx: Tx, term: SearchTerm, limit: number): Promise<SearchHit[]> {
    switch (term.kind) {
      case 'person_id':
        return this.repo.byPersonIdUnscoped(tx, term.value, limit);
      case 'identification_id':
        return this.repo.byIdentificationIdUnscoped(tx, term.value, limit);
      case 'reference':
        return this.repo.byReferenceUnscoped(tx, term.value, limit);
      case 'email':
        return this.repo.byEmailUnscoped(tx, term.value, limit);
      case 'phone':
        return this.repo.byPhoneUnscoped(tx, term.value, limit);
      case 'name':
        return this.repo.byNameUnscoped(tx, term.name, null, limit);
      case 'name_and_birth_date':
        return this.repo.byNameUnscoped(tx, term.name, term.birthDate, limit);
    }
  }
}
