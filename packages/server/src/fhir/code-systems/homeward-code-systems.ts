// Homeward's own code systems (issue 18 #2), published as CodeSystem resources at /fhir/R4/CodeSystem:
// codes for what has no LOINC or SNOMED CT code we could confirm (most instruments' totals and
// subscales, the kinds of contact, the carer's programme sheet). Built from the same definitions the
// pages use (the instrument registry, the contact kinds), so a new instrument gets its codes with it.
// Never invent a national code: a LOINC or SNOMED CT code is used only where it is cited below.
import { contactNoteKindLabels, instrumentDefinitions, type InstrumentDefinition } from '@homeward/clinical';
import type { FhirResource } from '../fhir-resource-module.ts';

/**
 * The canonical base of Homeward's code systems. A Trust that deploys Homeward and publishes its
 * CodeSystems elsewhere changes this one line; the codes themselves are stable.
 */
export const homewardFhirBase = 'https://homeward.nhs.example';

export const assessmentScoresSystem = `${homewardFhirBase}/CodeSystem/assessment-scores`;
export const contactKindsSystem = `${homewardFhirBase}/CodeSystem/contact-kinds`;
export const documentKindsSystem = `${homewardFhirBase}/CodeSystem/document-kinds`;
export const goalAttainmentSystem = `${homewardFhirBase}/CodeSystem/goal-attainment`;
export const loinc = 'http://loinc.org';

/**
 * National codes confirmed for a total (LOINC): the Barthel Index total score is LOINC 96761-2
 * ("Total score Barthel Index", 0-100), which is Homeward's 0-100 equivalent scoring (`total-100`),
 * not the 0-20 total. Keyed by instrument id and scoring id ('' for the primary total).
 */
export const nationalScoreCodes: Record<string, Record<string, { system: string; code: string; display: string }>> = {
  'barthel-index': { 'total-100': { system: loinc, code: '96761-2', display: 'Total score Barthel Index' } },
};

/** The local code of an instrument's total (primary scoring), a subscale, or another scoring. */
export function scoreCode(instrumentId: string, part?: string | null): string {
  return part ? `${instrumentId}.${part}` : instrumentId;
}

type Concept = { code: string; display: string; definition?: string };

function instrumentConcepts(definition: InstrumentDefinition): Concept[] {
  const [primary, ...others] = definition.scorings;
  const concepts: Concept[] = [];
  concepts.push({ code: scoreCode(definition.id), display: `${definition.name}${primary ? `: ${primary.label.toLowerCase()}` : ': item-level answers'}`, definition: definition.citation });
  for (const scoring of others) concepts.push({ code: scoreCode(definition.id, scoring.id), display: `${definition.name}: ${scoring.label.toLowerCase()}` });
  for (const subscale of definition.subscales) concepts.push({ code: scoreCode(definition.id, subscale.id), display: `${definition.name}: ${subscale.label.toLowerCase()}` });
  return concepts;
}

function codeSystem(id: string, title: string, description: string, concepts: Concept[]): FhirResource {
  return {
    resourceType: 'CodeSystem',
    id,
    url: `${homewardFhirBase}/CodeSystem/${id}`,
    version: '1',
    name: title.replace(/[^A-Za-z0-9]/g, ''),
    title,
    status: 'active',
    experimental: false,
    publisher: 'Homeward',
    description,
    caseSensitive: true,
    content: 'complete',
    count: concepts.length,
    concept: concepts,
  };
}

/** Every code system Homeward publishes, built from the definitions. */
export function homewardCodeSystems(): FhirResource[] {
  return [
    codeSystem(
      'assessment-scores',
      'Homeward assessment scores',
      'Totals, other scorings and subscales of the standardised assessments Homeward records, for those without a confirmed LOINC or SNOMED CT code. The code of a total is the instrument id; of a subscale or other scoring, the instrument id, a dot and its id.',
      instrumentDefinitions.flatMap(instrumentConcepts),
    ),
    codeSystem(
      'contact-kinds',
      'Homeward contact kinds',
      'The kind of a contact recorded in a contact note, and of a planned visit.',
      [
        ...Object.entries(contactNoteKindLabels).map(([code, display]) => ({ code, display })),
        ...(['first-contact', 'therapy', 'review', 'equipment', 'discharge', 'other'] as const).map((purpose) => ({ code: `visit-${purpose}`, display: `Visit: ${purpose.replace('-', ' ')}` })),
      ],
    ),
    codeSystem('document-kinds', 'Homeward document kinds', 'Letters and sheets Homeward produces that have no LOINC document code of their own.', [
      { code: 'carer-programme', display: 'Carer’s programme of care sheet' },
    ]),
    codeSystem('goal-attainment', 'Homeward goal attainment', 'Goal Attainment Scaling (GAS) levels, -2 to +2, as a goal’s target and its latest rating.', [
      { code: 'gas-level', display: 'Goal Attainment Scaling level (-2 to +2)' },
    ]),
  ];
}
