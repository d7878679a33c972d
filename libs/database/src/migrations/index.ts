import { CreatePartnersAndPersons1764216000000 } from './1764216000000-CreatePartnersAndPersons.js';
import { CreateIdentificationsAndOutbox1764300000000 } from './1764300000000-CreateIdentificationsAndOutbox.js';
import { CreateIdnowSandbox1764400000000 } from './1764400000000-CreateIdnowSandbox.js';
import { CreatePersonIdentityCounts1764500000000 } from './1764500000000-CreatePersonIdentityCounts.js';
import { CreateWebhooks1764600000000 } from './1764600000000-CreateWebhooks.js';
import { CreateAuditEvents1764700000000 } from './1764700000000-CreateAuditEvents.js';
import { CreateStaff1764800000000 } from './1764800000000-CreateStaff.js';
import { AddStaffMfaAndLoginThrottle1764900000000 } from './1764900000000-AddStaffMfaAndLoginThrottle.js';
import { CreateDocuments1765000000000 } from './1765000000000-CreateDocuments.js';
import { CreateReviewQueue1765100000000 } from './1765100000000-CreateReviewQueue.js';
import { CoverOpenCasesIndex1765200000000 } from './1765200000000-CoverOpenCasesIndex.js';
import { CreateAnalyticsRollup1765300000000 } from './1765300000000-CreateAnalyticsRollup.js';
import { CreateSupportSearchIndexes1765410000000 } from './1765410000000-CreateSupportSearchIndexes.js';
import { CreateJobRuns1765700000000 } from './1765700000000-CreateJobRuns.js';
import { CreateIdentificationResultPolls1765710000000 } from './1765710000000-CreateIdentificationResultPolls.js';
import { AddReviewEscalationAndAmlFollowUps1765720000000 } from './1765720000000-AddReviewEscalationAndAmlFollowUps.js';
import { CreateRetention1765730000000 } from './1765730000000-CreateRetention.js';
import { IndexExpiringLinks1765760000000 } from './1765760000000-IndexExpiringLinks.js';
import { CountAnalyticsPerStatement1765750000000 } from './1765750000000-CountAnalyticsPerStatement.js';
import { CreateDriftReports1765740000000 } from './1765740000000-CreateDriftReports.js';
import { CreateIdempotencyKeys1765800000000 } from './1765800000000-CreateIdempotencyKeys.js';
import { CreateRateLimitBuckets1765810000000 } from './1765810000000-CreateRateLimitBuckets.js';
import { CreatePersonNameWords1765600000000 } from './1765600000000-CreatePersonNameWords.js';
import { CreateSupportNotes1765500000000 } from './1765500000000-CreateSupportNotes.js';
import { AddOutboxRequestId1765820000000 } from './1765820000000-AddOutboxRequestId.js';
import { AddIdempotencyResourcePath1765900000000 } from './1765900000000-AddIdempotencyResourcePath.js';

/** Every migration, oldest first. Both engines run exactly these; `synchronize` is never used. */
export const MIGRATIONS = [
  CreatePartnersAndPersons1764216000000,
  CreateIdentificationsAndOutbox1764300000000,
  CreateIdnowSandbox1764400000000,
  CreatePersonIdentityCounts1764500000000,
  CreateWebhooks1764600000000,
  CreateAuditEvents1764700000000,
  CreateStaff1764800000000,
  AddStaffMfaAndLoginThrottle1764900000000,
  CreateDocuments1765000000000,
  CreateReviewQueue1765100000000,
  CoverOpenCasesIndex1765200000000,
  CreateAnalyticsRollup1765300000000,
  CreateSupportSearchIndexes1765410000000,
  CreateSupportNotes1765500000000,
  CreatePersonNameWords1765600000000,
  CreateJobRuns1765700000000,
  CreateIdentificationResultPolls1765710000000,
  AddReviewEscalationAndAmlFollowUps1765720000000,
  CreateRetention1765730000000,
  CreateDriftReports1765740000000,
  CountAnalyticsPerStatement1765750000000,
  IndexExpiringLinks1765760000000,
  CreateIdempotencyKeys1765800000000,
  CreateRateLimitBuckets1765810000000,
  AddOutboxRequestId1765820000000,
  AddIdempotencyResourcePath1765900000000,
];
