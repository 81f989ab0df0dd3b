// QuestionnaireResponse (issue 18 #2): a standardised assessment's item-level answers, each item with
// its text as the form asked it, against the instrument's definition (the Questionnaire is named by
// its canonical in Homeward's base and version). The scores are the Observations derived from it.
import type { Kysely } from 'kysely';
import { findInstrument } from '@homeward/clinical';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import { listAssessments, type AssessmentResponse } from '../../record/public.ts';
import { homewardFhirBase } from '../code-systems/homeward-code-systems.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { auditFhirRead, dateSearchParameter, episodeIdOfRecord, matchesDates, withPatient, patientSearchParameter, readableRecords, recordAccessOf, recordIdOf, reference, refusedAsNotFound } from './record-resource-support.ts';

export function toFhirQuestionnaireResponse(assessment: AssessmentResponse): FhirResource {
  const definition = findInstrument(assessment.instrumentId, assessment.instrumentVersion);
  const items = definition?.items ?? Object.keys(assessment.responses).map((id) => ({ id, text: id, kind: 'numeric' as const }));
  return {
    resourceType: 'QuestionnaireResponse',
    id: assessment.id,
    questionnaire: `${homewardFhirBase}/Questionnaire/${assessment.instrumentId}|${assessment.instrumentVersion}`,
    status: 'completed',
    subject: reference('Patient', assessment.patientId),
    authored: assessment.administeredAt,
    author: reference('Practitioner', assessment.recordedBy.id, assessment.recordedBy.name),
    item: items.map((item) => {
      const value = assessment.responses[item.id];
      // The stored number is the answer (the option's value, or the measurement); an unanswered item has none.
      const answer = value === null || value === undefined ? [] : [Number.isInteger(value) ? { valueInteger: value } : { valueDecimal: value }];
      return { linkId: item.id, text: item.text, ...(answer.length ? { answer } : {}) };
    }),
  };
}

async function search(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  const resources: FhirResource[] = [];
  for (const access of await readableRecords(db, { actor, patientId, kind: 'assessment' })) {
    const found = (await listAssessments(db, access)).map(toFhirQuestionnaireResponse).filter((r) => matchesDates(r.authored as string, params));
    await auditFhirRead(db, access, 'assessment', { resourceType: 'QuestionnaireResponse', count: found.length });
    resources.push(...found);
  }
  return resources;
}

export const questionnaireResponseModule: FhirResourceModule = {
  type: 'QuestionnaireResponse',
  searchParams: [patientSearchParameter, dateSearchParameter('The day the assessment was administered (authored)')],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids || ids.part) throw notFound('QuestionnaireResponse');
    const episodeId = await episodeIdOfRecord(db, 'assessments', ids.recordId);
    return refusedAsNotFound('QuestionnaireResponse', async () => {
      const access = await recordAccessOf(db, { actor, episodeId, kind: 'assessment', type: 'QuestionnaireResponse' });
      const assessment = (await listAssessments(db, access)).find((a) => a.id === ids.recordId);
      if (!assessment) throw notFound('QuestionnaireResponse');
      await auditFhirRead(db, access, 'assessment', { resourceType: 'QuestionnaireResponse', recordId: assessment.id });
      return toFhirQuestionnaireResponse(assessment);
    });
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId, new URLSearchParams()),
};
