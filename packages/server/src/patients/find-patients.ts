import type { Kysely } from 'kysely';
import { decidePatientAccess, describeNameTermMatch, postcodeOrDistrictError, explainNameMatch, formatDisplayDate, normalisePostcode, postcodeDistrict, type RiskFlagKind } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, auditEventAs, type Actor } from '../platform/actor.ts';
import { searchPatientsWithAccess, type PatientSearch, type PatientSearchRow } from './patient-queries.ts';

export type FoundPatient =
  | { id: string; access: 'find-only'; nhsNumber: string; givenName: string; familyName: string; dateOfBirth: string; postcodeDistrict: string | null; matchedBecause: string[] }
  | {
      id: string;
      access: 'full';
      matchedBecause: string[];
      nhsNumber: string;
      givenName: string;
      familyName: string;
      dateOfBirth: string;
      postcodeDistrict: string | null;
      addressLine1: string;
      town: string;
      postcode: string;
      riskFlags: RiskFlagKind[];
    };

/**
 * Searches the index. Everyone clinical can find a patient (to refer them, or to break glass), but a
 * result outside a legitimate relationship shows only what tells people apart. Every search is audited
 * with the patients it returned.
 */
export type FindPatientsOptions = { actor: Actor; search: PatientSearch };

export async function findPatients(db: Kysely<Database>, o: FindPatientsOptions): Promise<FoundPatient[]> {
  const { actor, search } = o;
  const principal = actor.staff;
  const gate = decidePatientAccess({ role: principal.role, action: 'search', hasRelationship: false, hasActiveBreakGlass: false });
  if (!gate.allowed) {
    await auditAs(actor, db, { action: 'search', outcome: 'refused', detail: { rule: gate.rule, by: search.kind } });
    throw new HomewardError('forbidden', gate.message);
  }
  // The allowed search's audit event is appended by the search's own statement (with the patients it
  // found), so it is durable before any result is shown; by itself only when nothing was asked.
  const searched = { action: 'search', outcome: 'allowed', recordKind: 'patient-index' } as const;
  const event = auditEventAs(actor, { ...searched, detail: { by: search.kind } });
  const { rows, facts, audited } = await searchPatientsWithAccess(db, search, principal, actor.now, { event, at: actor.now });
  const results: FoundPatient[] = rows.map((r) => {
    const f = facts.get(r.id)!;
    const decision = decidePatientAccess({ role: principal.role, action: 'search', hasRelationship: f.hasRelationship, hasActiveBreakGlass: f.breakGlass !== null });
    const full = decision.allowed && decision.scope === 'full';
    const found = { id: r.id, nhsNumber: r.nhsNumber, givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth, postcodeDistrict: r.postcodeDistrict, matchedBecause: matchedBecause(search, r, full) };
    if (full) {
      return { ...found, access: 'full', addressLine1: r.addressLine1, town: r.town, postcode: r.postcode, riskFlags: r.riskFlags };
    }
    return { ...found, access: 'find-only' };
  });
  if (!audited) await auditAs(actor, db, { ...searched, detail: { by: search.kind, results: 0, patientIds: [] } });
  return results;
}

/**
 * Why a result was found, in words: each typed word against the names, and what narrowed it. Outside
 * a relationship it says no more than the result shows: a postcode is named by its district only.
 */
export function matchedBecause(search: PatientSearch, r: PatientSearchRow, full: boolean): string[] {
  switch (search.kind) {
    case 'nhs-number':
      return ['NHS number'];
    case 'name-and-birth':
      return [`family name starts “${search.familyName.toLowerCase()}”`, ...(search.givenName ? [`given name starts “${search.givenName.toLowerCase()}”`] : []), `date of birth ${formatDisplayDate(search.dateOfBirth)}`];
    case 'name': {
      const reasons = r.nameMatch ? explainNameMatch(r.nameMatch.terms, r.nameMatch).map(describeNameTermMatch) : [];
      if (search.dateOfBirth) reasons.push(`date of birth ${formatDisplayDate(search.dateOfBirth)}`);
      if (search.yearOfBirth) reasons.push(`born in ${search.yearOfBirth}`);
      if (search.postcode) {
        const whole = normalisePostcode(search.postcode);
        reasons.push(whole && full ? `postcode ${whole}` : `postcode district ${postcodeDistrict(r.postcode) ?? ''}`);
      }
      return reasons;
    }
  }
}

/** A name search needs two letters or digits of a name at least (fewer would list half the county). */
export function nameSearchProblems(o: { name: string; postcode: string | null }): Array<{ path: 'name' | 'postcode'; message: string }> {
  const problems: Array<{ path: 'name' | 'postcode'; message: string }> = [];
  const letters = o.name.replace(/[^\p{L}\p{N}]/gu, '');
  if (letters.length === 0) problems.push({ path: 'name', message: 'Enter all or part of the patient’s name' });
  else if (letters.length < 2) problems.push({ path: 'name', message: 'Enter at least 2 letters of the patient’s name' });
  if (o.postcode) {
    const problem = postcodeOrDistrictError(o.postcode);
    if (problem) problems.push({ path: 'postcode', message: problem });
  }
  return problems;
}
