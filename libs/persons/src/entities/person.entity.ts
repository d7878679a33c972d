import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

const cents = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * The Solaris person resource. Columns are flat; the response mapper rebuilds the nested objects.
 * Defaults are stated here as well as in the table, so a new entity is complete before it is inserted.
 */
@Entity('persons')
export class PersonEntity {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 64 }) partnerId: string;

  @Column({ type: 'text', nullable: true }) salutation: string | null;
  @Column({ type: 'text', nullable: true }) title: string | null;
  @Column({ type: 'text', nullable: true }) firstName: string | null;
  @Column({ type: 'text', nullable: true }) lastName: string | null;

  @Column({ type: 'text', nullable: true }) addressLine1: string | null;
  @Column({ type: 'text', nullable: true }) addressLine2: string | null;
  @Column({ type: 'text', nullable: true }) addressPostalCode: string | null;
  @Column({ type: 'text', nullable: true }) addressCity: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) addressCountry: string | null;
  @Column({ type: 'text', nullable: true }) addressState: string | null;

  @Column({ type: 'text', nullable: true }) contactAddressLine1: string | null;
  @Column({ type: 'text', nullable: true }) contactAddressLine2: string | null;
  @Column({ type: 'text', nullable: true }) contactAddressPostalCode: string | null;
  @Column({ type: 'text', nullable: true }) contactAddressCity: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) contactAddressCountry: string | null;
  @Column({ type: 'text', nullable: true }) contactAddressState: string | null;

  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) mobileNumber: string | null;
  @Column({ type: 'text', nullable: true }) birthName: string | null;
  @Column({ type: 'date', nullable: true }) birthDate: string | null;
  @Column({ type: 'text', nullable: true }) birthCity: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) birthCountry: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) nationality: string | null;
  @Column({ type: 'text', nullable: true }) employmentStatus: string | null;
  @Column({ type: 'text', nullable: true }) jobTitle: string | null;
  @Column({ type: 'text', nullable: true }) taxAssessment: string | null;
  @Column({ type: 'text', default: 'UNKNOWN' }) maritalStatus = 'UNKNOWN';
  @Column({ type: 'boolean', nullable: true }) fatcaRelevant: boolean | null;
  @Column({ type: 'timestamptz', nullable: true }) fatcaCrsConfirmedAt: Date | null;
  @Column({ type: 'text', nullable: true }) businessPurpose: string | null;
  @Column({ type: 'text', nullable: true }) industry: string | null;
  @Column({ type: 'text', nullable: true }) industryKey: string | null;
  @Column({ type: 'timestamptz', nullable: true }) termsConditionsSignedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) ownEconomicInterestSignedAt: Date | null;
  @Column({ type: 'date', nullable: true }) amlFollowUpDate: string | null;
  @Column({ type: 'date', nullable: true }) amlConfirmedOn: string | null;
  @Column({ type: 'boolean', default: false }) flaggedByCompliance = false;
  @Column({ type: 'bigint', nullable: true, transformer: cents }) expectedMonthlyRevenueCents: number | null;
  @Column({ type: 'text', nullable: true }) vatNumber: string | null;
  @Column({ type: 'text', nullable: true }) websiteSocialMedia: string | null;
  @Column({ type: 'text', nullable: true }) businessTradingName: string | null;
  @Column({ type: 'text', nullable: true }) naceCode: string | null;
  @Column({ type: 'text', nullable: true }) businessAddressLine1: string | null;
  @Column({ type: 'text', nullable: true }) businessAddressLine2: string | null;
  @Column({ type: 'text', nullable: true }) businessPostalCode: string | null;
  @Column({ type: 'text', nullable: true }) businessCity: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) businessCountry: string | null;
  @Column({ type: 'text', nullable: true }) businessState: string | null;
  @Column({ type: 'text', default: 'NOT_SCREENED' }) screeningProgress = 'NOT_SCREENED';
  @Column({ type: 'text', default: 'NOT_SCORED' }) riskClassificationStatus = 'NOT_SCORED';
  @Column({ type: 'text', default: 'NOT_VETTED' }) customerVettingStatus = 'NOT_VETTED';
  @Column({ type: 'text', nullable: true }) annualIncomeRange: string | null;
  @Column({ type: 'timestamptz', nullable: true }) dataTermsSignedAt: Date | null;
  @Column({ type: 'text', nullable: true }) branch: string | null;
  @Column({ type: 'text', nullable: true }) birthProvince: string | null;
  @Column({ type: 'text', nullable: true }) birthPostCode: string | null;
  @Column({ type: 'text', nullable: true }) socioprofessionalCategory: string | null;
  @Column({ type: 'text', nullable: true }) purposeOfAccountOpening: string | null;
  @Column({ type: 'text', nullable: true }) mainIncomeSource: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) workCountry: string | null;
  @Column({ type: 'text', nullable: true }) workProvince: string | null;
  @Column({ type: 'boolean', nullable: true }) selfDeclaredAsPep: boolean | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) internationalOperativityExpectation: string[] = [];
  @Column({ type: 'text', nullable: true }) registrationNumber: string | null;
  @Column({ type: 'date', nullable: true }) legitimationValidUntil: string | null;

  @Column({ type: 'integer', default: 1 }) version = 1;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
