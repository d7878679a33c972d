import { Injectable } from '@nestjs/common';
import { Clock } from '#kyc/common';
import { IdentificationsService, type Officer } from '#kyc/identifications';
import { PersonsService } from '#kyc/persons';
import { type PersonPlan, type PlannedStep, planDemoData } from './demo-plan.js';
import { type IdentificationRef, DemoProvider } from './demo-provider.js';
import { DemoReview } from './demo-review.js';
import { DemoSetup } from './demo-setup.js';

export interface SeedOptions {
  persons: number;
  seed: number;
  days: number;
  /** The end of the history; default: the start of the current hour (UTC). */
  end?: Date;
  /** Customers played at the same time (each customer's steps stay in order). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  persons: number;
  identifications: number;
  end: Date;
}

const HOUR = 3600_000;

/** A customer's state while their story is played. */
interface Playing {
  plan: PersonPlan;
  officers: [Officer, Officer];
  personId?: string;
  identification?: IdentificationRef;
  identifications: number;
  releases: (() => void)[];
}

/**
 * Plays the demo plan through the real services: the partner's person and identification calls, the
 * sandbox's results with their callbacks, the officers' decisions. Each step runs inside
 * `clock.runAt(step.at)`, so statuses, events, the analytics rollup, outbox and audit rows carry the
 * time the story describes.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly clock: Clock,
    private readonly setup: DemoSetup,
    private readonly persons: PersonsService,
    private readonly identifications: IdentificationsService,
    private readonly provider: DemoProvider,
    private readonly review: DemoReview,
  ) {}

  async run(opts: SeedOptions): Promise<SeedSummary> {
    const end = opts.end ?? new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const plans = planDemoData({ persons: opts.persons, seed: opts.seed, days: opts.days, end });
    const officers = await this.setup.prepare();
    let next = 0;
    let done = 0;
    let identifications = 0;
    let failure: { error: unknown } | undefined;
    const lane = async () => {
      while (!failure && !opts.signal?.aborted && next < plans.length) {
        const plan = plans[next++];
        try {
          // Awaited first: `x += await y` would add to the value x had before the wait.
          const created = await this.play({ plan, officers, identifications: 0, releases: [] }, opts.signal);
          identifications += created;
        } catch (error) {
          failure ??= { error };
        }
        done += 1;
        opts.onProgress?.(done, plans.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, lane));
    if (failure) throw failure.error;
    const summary = { persons: done, identifications, end };
    if (!opts.signal?.aborted) {
      await this.setup.recordLoaded({ ...summary, seed: opts.seed, days: opts.days });
    }
    return summary;
  }

  /** One customer's steps in order; answers how many identifications were created. */
  private async play(p: Playing, signal?: AbortSignal): Promise<number> {
    try {
      for (const step of p.plan.steps) {
        if (signal?.aborted) break;
        await this.clock.runAt(step.at, () => this.step(p, step));
      }
      return p.identifications;
    } finally {
      for (const release of p.releases) release();
    }
  }

  private async step(p: Playing, step: PlannedStep): Promise<void> {
    const { partnerId, language } = p.plan;
    switch (step.kind) {
      case 'sign_up':
        p.personId = (await this.persons.create(partnerId, p.plan.person)).id;
        return;
      case 'create': {
        const created = await this.identifications.create(partnerId, p.personId!, {
          method: 'idnow',
          language,
        });
        this.follow(p, { partnerId, personId: created.personId, id: created.id });
        return;
      }
      case 'request': {
        const i = p.identification!;
        await this.identifications.request(i.partnerId, i.personId, i.id);
        return;
      }
      case 'result':
        return this.provider.publish(p.identification!, step.result, step.reason);
      case 'decide':
        return this.review.decide(p.identification!, step, p.officers);
      case 'reidentify': {
        const next = await this.review.reidentify(p.identification!, step, p.officers);
        if (next.id !== p.identification!.id) this.follow(p, next);
        return;
      }
    }
  }

  /** From now on the customer's results go to this identification, whose callbacks are processed here. */
  private follow(p: Playing, ref: IdentificationRef): void {
    p.releases.push(this.provider.hold(ref.id));
    p.identification = ref;
    p.identifications += 1;
  }
}
