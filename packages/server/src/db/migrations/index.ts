// Migrations are listed here, in order, rather than discovered on disk, so that they run the same
// from source, from a bundle or in a test. Names are date-prefixed and frozen once landed.
import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-24-0001-foundation.ts';
import * as referralsAndEpisodes from './2026-11-24-0002-referrals-and-episodes.ts';
import * as clinicalRecord from './2026-11-24-0003-clinical-record.ts';
import * as assessments from './2026-11-24-0004-assessments.ts';
import * as goalsProgrammesReviewsLetters from './2026-11-24-0005-goals-programmes-reviews-letters.ts';
import * as teamPhoneAndLetterFormats from './2026-11-24-0006-team-phone-and-letter-formats.ts';
import * as studentRole from './2026-11-24-0007-student-role.ts';
import * as accessRelationships from './2026-12-04-0008-access-relationships.ts';
import * as appendOnlyEverywhere from './2026-12-04-0010-append-only-everywhere.ts';
import * as auditLogSealing from './2026-12-04-0012-audit-log-sealing.ts';
import * as recordAuthorship from './2026-12-04-0009-record-authorship.ts';
import * as signInHardening from './2026-12-04-0011-sign-in-hardening.ts';
import * as patientSearchAndGp from './2026-12-05-0013-patient-search-and-gp.ts';
import * as programmeAtDischarge from './2026-12-05-0014-programme-at-discharge.ts';
import * as purgeIndexes from './2026-12-05-0015-purge-indexes.ts';
import * as visitDay from './2026-12-05-0016-visit-day.ts';
import * as visitPriority from './2026-12-05-0018-visit-priority.ts';
import * as finishedJobsIndex from './2026-12-05-0019-finished-jobs-index.ts';
import * as loneWorking from './2026-12-05-0022-lone-working.ts';
import * as loneWorkingCodeAttempts from './2026-12-05-0023-lone-working-code-attempts.ts';
import * as unreadNotificationsIndex from './2026-12-05-0026-unread-notifications-index.ts';
import * as missedAlertsAndShortTexts from './2026-12-05-0028-missed-alerts-and-short-texts.ts';
import * as equipment from './2026-12-05-0029-equipment.ts';
import * as oneOpenRecall from './2026-12-05-0049-one-open-recall.ts';
import * as safety from './2026-12-05-0050-safety.ts';
import * as dischargeReadyAndDelays from './2026-12-05-0060-discharge-ready-and-delays.ts';
import * as fhirReceivedReferrals from './2026-12-05-0065-fhir-received-referrals.ts';
import * as peopleAndMdt from './2026-12-05-0040-people-and-mdt.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-24-0001-foundation': foundation,
  '2026-11-24-0002-referrals-and-episodes': referralsAndEpisodes,
  '2026-11-24-0003-clinical-record': clinicalRecord,
  '2026-11-24-0004-assessments': assessments,
  '2026-11-24-0005-goals-programmes-reviews-letters': goalsProgrammesReviewsLetters,
  '2026-11-24-0006-team-phone-and-letter-formats': teamPhoneAndLetterFormats,
  '2026-11-24-0007-student-role': studentRole,
  '2026-12-04-0008-access-relationships': accessRelationships,
  '2026-12-04-0009-record-authorship': recordAuthorship,
  '2026-12-04-0010-append-only-everywhere': appendOnlyEverywhere,
  '2026-12-04-0011-sign-in-hardening': signInHardening,
  '2026-12-04-0012-audit-log-sealing': auditLogSealing,
  '2026-12-05-0013-patient-search-and-gp': patientSearchAndGp,
  '2026-12-05-0014-programme-at-discharge': programmeAtDischarge,
  '2026-12-05-0015-purge-indexes': purgeIndexes,
  '2026-12-05-0016-visit-day': visitDay,
  '2026-12-05-0018-visit-priority': visitPriority,
  '2026-12-05-0019-finished-jobs-index': finishedJobsIndex,
  '2026-12-05-0022-lone-working': loneWorking,
  '2026-12-05-0023-lone-working-code-attempts': loneWorkingCodeAttempts,
  '2026-12-05-0026-unread-notifications-index': unreadNotificationsIndex,
  '2026-12-05-0028-missed-alerts-and-short-texts': missedAlertsAndShortTexts,
  '2026-12-05-0029-equipment': equipment,
  '2026-12-05-0040-people-and-mdt': peopleAndMdt,
  '2026-12-05-0049-one-open-recall': oneOpenRecall,
  '2026-12-05-0050-safety': safety,
  '2026-12-05-0060-discharge-ready-and-delays': dischargeReadyAndDelays,
  '2026-12-05-0065-fhir-received-referrals': fhirReceivedReferrals,
};
