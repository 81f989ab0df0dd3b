// Observation (issue 18 #2), UK Core Observation: each standardised assessment's total, its other
// scorings (the Barthel 0-100 form carries LOINC 96761-2) and its subscales, coded in Homeward's
// published assessment-scores CodeSystem where no national code is confirmed. Derived from the
// QuestionnaireResponse holding the item-level answers. Read under the record's grant for assessments.
import type { Kysely } from 'kysely';
import { findInstrument, scoreInstrument } from '@homeward/clinical';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import { listAssessments, type AssessmentResponse } from '../../record/public.ts';
import { assessmentScoresSystem, nationalScoreCodes, scoreCode } from '../code-systems/homeward-code-systems.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { ukCoreProfile } from '../uk-core.ts';
import { auditFhirRead, dateSearchParameter, episodeIdOfRecord, matchesDates, withPatient, patientSearchParameter, readableRecords, recordAccessOf, recordIdOf, reference, refusedAsNotFound } from './record-resource-support.ts';

export const ukCoreObservationProfile = ukCoreProfile.observation;
const surveyCategory = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] };

type Score = { part: string | null; label: string; value: number };

/** The scores one assessment reports: the total, the other scorings (recomputed from the stored answers by the same engine), the subscales. */
export function scoresOf(assessment: AssessmentResponse): Score[] {
  const definition = findInstrument(assessment.instrumentId, assessment.instrumentVersion);
  const scores: Score[] = [];
  const [primary, ...others] = definition?.scorings ?? [];
  if (assessment.total !== null) scores.push({ part: null, label: primary?.label ?? 'Total', value: assessment.total });
  if (definition && others.length > 0) {
    const scored = scoreInstrument(definition, assessment.responses);
    if (scored.ok) for (const scoring of others) {
      const total = scored.alternativeTotals[scoring.id]?.total;
      if (total !== undefined) scores.push({ part: scoring.id, label: scoring.label, value: total });
    }
  }
  for (const [subscale, value] of Object.entries(assessment.subscales)) {
    scores.push({ part: subscale, label: definition?.subscales.find((s) => s.id === subscale)?.label ?? subscale, value });
  }
  return scores;
}

export function toFhirObservations(assessment: AssessmentResponse): FhirResource[] {
  const timed = assessment.unit === 'seconds';
  return scoresOf(assessment).map((score) => {
    const national = nationalScoreCodes[assessment.instrumentId]?.[score.part ?? ''];
    const notes = [
      ...(score.part === null && assessment.band ? [`${assessment.band.label}`] : []),
      ...(score.part === null && assessment.changeFromBaseline ? [assessment.changeFromBaseline.summary] : []),
    ];
    return {
      resourceType: 'Observation',
      id: score.part ? `${assessment.id}.${score.part}` : assessment.id,
      meta: { profile: [ukCoreObservationProfile] },
      status: 'final',
      category: [surveyCategory],
      code: {
        coding: [
          ...(national ? [national] : []),
          { system: assessmentScoresSystem, code: scoreCode(assessment.instrumentId, score.part), display: `${assessment.instrumentName}: ${score.label.toLowerCase()}` },
        ],
        text: `${assessment.instrumentName}: ${score.label.toLowerCase()}`,
      },
      subject: reference('Patient', assessment.patientId),
      effectiveDateTime: assessment.administeredAt,
      issued: assessment.recordedAt,
      performer: [reference('Practitioner', assessment.recordedBy.id, assessment.recordedBy.name)],
      valueQuantity: timed
        ? { value: score.value, unit: 's', system: 'http://unitsofmeasure.org', code: 's' }
        : { value: score.value, unit: 'score', system: 'http://unitsofmeasure.org', code: '{score}' },
      derivedFrom: [reference('QuestionnaireResponse', assessment.id)],
      ...(notes.length ? { note: notes.map((text) => ({ text })) } : {}),
    };
  });
}

/** `code` as system|code, |code or code: any of the observation's codings. */
function matchesCode(resource: FhirResource, params: URLSearchParams): boolean {
  const wanted = params.getAll('code').flatMap((c) => c.split(',')).filter(Boolean);
  if (wanted.length === 0) return true;
  const codings = (resource.code as { coding: { system: string; code: string }[] }).coding;
  return wanted.some((w) => {
    const bar = w.lastIndexOf('|');
    const [system, code] = bar < 0 ? [null, w] : [w.slice(0, bar) || null, w.slice(bar + 1)];
    return codings.some((c) => c.code === code && (system === null || c.system === system));
  });
}

async function search(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  const resources: FhirResource[] = [];
  for (const access of await readableRecords(db, { actor, patientId, kind: 'assessment' })) {
    const found = (await listAssessments(db, access)).flatMap(toFhirObservations).filter((r) => matchesCode(r, params) && matchesDates(r.effectiveDateTime as string, params));
    await auditFhirRead(db, access, 'assessment', { resourceType: 'Observation', count: found.length });
    resources.push(...found);
  }
  return resources;
}

export const observationModule: FhirResourceModule = {
  type: 'Observation',
  profile: ukCoreObservationProfile,
  searchParams: [patientSearchParameter, { name: 'code', type: 'token', documentation: 'system|code, or code: a LOINC code or a code of the assessment-scores CodeSystem' }, dateSearchParameter('The day the assessment was administered')],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids) throw notFound('Observation');
    const episodeId = await episodeIdOfRecord(db, 'assessments', ids.recordId);
    return refusedAsNotFound('Observation', async () => {
      const access = await recordAccessOf(db, { actor, episodeId, kind: 'assessment', type: 'Observation' });
      const assessment = (await listAssessments(db, access)).find((a) => a.id === ids.recordId);
      const found = assessment ? toFhirObservations(assessment).find((r) => r.id === id) : undefined;
      if (!found) throw notFound('Observation');
      await auditFhirRead(db, access, 'assessment', { resourceType: 'Observation', recordId: ids.recordId });
      return found;
    });
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId, new URLSearchParams()),
};
