import type { FastifyRequest } from 'fastify';
import { decidePatientAccess, type RiskFlagKind } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import { loadAccessFacts } from '../access/relationship-queries.ts';
import { searchPatients, type PatientSearch } from './patient-queries.ts';

export type FoundPatient =
  | { id: string; access: 'find-only'; nhsNumber: string; givenName: string; familyName: string; dateOfBirth: string; postcodeDistrict: string | null }
  | {
      id: string;
      access: 'full';
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
export async function findPatients(request: FastifyRequest, search: PatientSearch): Promise<FoundPatient[]> {
  const principal = requirePrincipal(request);
  const app = request.server;
  const gate = decidePatientAccess({ role: principal.role, action: 'search', hasRelationship: false, hasActiveBreakGlass: false });
  if (!gate.allowed) {
    await audit(request, { action: 'search', outcome: 'refused', detail: { rule: gate.rule, by: search.kind } });
    throw new HomewardError('forbidden', gate.message);
  }
  const rows = await searchPatients(app.db, search);
  const facts = await loadAccessFacts(app.db, principal, rows.map((r) => r.id), app.config.now());
  const results: FoundPatient[] = rows.map((r) => {
    const f = facts.get(r.id)!;
    const decision = decidePatientAccess({ role: principal.role, action: 'search', hasRelationship: f.hasRelationship, hasActiveBreakGlass: f.breakGlass !== null });
    const found = { id: r.id, nhsNumber: r.nhsNumber, givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth, postcodeDistrict: r.postcodeDistrict };
    if (decision.allowed && decision.scope === 'full') {
      return { ...found, access: 'full', addressLine1: r.addressLine1, town: r.town, postcode: r.postcode, riskFlags: r.riskFlags };
    }
    return { ...found, access: 'find-only' };
  });
  await audit(request, {
    action: 'search',
    outcome: 'allowed',
    recordKind: 'patient-index',
    detail: { by: search.kind, results: results.length, patientIds: results.map((r) => r.id) },
  });
  return results;
}
