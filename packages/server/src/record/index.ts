import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { assessmentRoutes } from './assessments-routes.ts';
import { delegatedWorkPages } from './delegated-work-pages.ts';
import { dischargeRoutes } from './discharge-routes.ts';
import type { EquipmentAtDischargePort } from './equipment-at-discharge-port.ts';
import { episodeApiRoutes } from './episode-api-routes.ts';
import { episodePages } from './episode-pages.ts';
import { goalRoutes } from './goals-routes.ts';
import { programmeRoutes } from './programme-routes.ts';
import { recordApiRoutes } from './record-api-routes.ts';
import { recordPages, type ContactNoteFromVisit } from './record-pages.ts';
import { reviewRoutes } from './reviews-routes.ts';
import { timelineRoutes } from './timeline-routes.ts';

/**
 * The episode's own page and API (its course and its discharge, which ends the programme of care), and
 * the clinical record: consent and capacity, contact notes that are never erased, supervisors' review,
 * standardised assessments, goals, programmes of care, reviews, discharge letters and the timeline.
 */
export type RecordContextOptions = {
  /** A new contact note started from a visit (the visits context's, given by app.ts): prefill and link. */
  contactNoteFromVisit?: ContactNoteFromVisit;
  /**
   * The patient's equipment on loan and its decisions (the equipment context's, given by app.ts): listed
   * on the discharge summary page, and each item decided before the episode is discharged.
   */
  equipmentAtDischarge: EquipmentAtDischargePort;
};

export const recordContext = fp(async (app: FastifyInstance, options: RecordContextOptions) => {
  await episodeApiRoutes(app, options.equipmentAtDischarge);
  await episodePages(app, options.equipmentAtDischarge);
  await recordApiRoutes(app);
  await recordPages(app, options.contactNoteFromVisit ?? null);
  await assessmentRoutes(app);
  await goalRoutes(app);
  await programmeRoutes(app);
  await delegatedWorkPages(app);
  await reviewRoutes(app);
  await dischargeRoutes(app, options.equipmentAtDischarge);
  await timelineRoutes(app);
}, { name: 'record' });
