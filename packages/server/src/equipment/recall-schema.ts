// The recall's JSON shapes: one schema each for the API's responses and the OpenAPI document.
import { z } from 'zod';
import { recallActionStatuses } from './recall-action-steps.ts';
import type { RecallSearchResult, ShownMatch } from './recall-search.ts';
import type { EquipmentRecall, RecallActionRow } from './recall-queries.ts';
import type { RecallPatient } from './recall-search.ts';

const patientSchema = z.object({ id: z.string(), name: z.string(), nhsNumber: z.string(), phone: z.string().nullable(), address: z.string() });
const contactOnlySchema = z.array(z.object({ patient: patientSchema, teamName: z.string() })).describe('Patients this clinician may see whose item is on loan in another team’s episode: contact details and the team only');
const withheldSchema = z.array(z.object({ teamName: z.string(), count: z.number() })).describe('Patients this clinician may not see, counted by team and never named');

export const recallMatchResponse = z.object({
  loanId: z.string(), episodeId: z.string(), teamName: z.string(), itemName: z.string(), make: z.string(), model: z.string(),
  serialNumber: z.string().nullable(), batch: z.string().nullable(), quantity: z.number(), loanStatus: z.string(), deliveredAt: z.string().nullable(),
  patient: patientSchema,
});

export const recallSearchResponse = z.object({
  catalogueItem: z.object({ id: z.string(), name: z.string(), make: z.string(), model: z.string(), code: z.string() }),
  batch: z.string().nullable(),
  total: z.number(),
  shown: z.array(recallMatchResponse),
  contactOnly: contactOnlySchema,
  withheld: z.number(),
  withheldByTeam: withheldSchema,
});

export const recallResponse = z.object({
  id: z.string(), version: z.number(), catalogueItemId: z.string(), itemName: z.string(), make: z.string(), model: z.string(), batch: z.string().nullable(),
  reference: z.string(), reason: z.string(), status: z.enum(['open', 'closed']), createdAt: z.string(), createdByName: z.string(),
  counts: z.record(z.enum(recallActionStatuses), z.number()),
});

export const recallActionResponse = z.object({
  id: z.string(), version: z.number(), recallId: z.string(), loanId: z.string(), teamName: z.string(), status: z.enum(recallActionStatuses), outcome: z.string().nullable(),
  serialNumber: z.string().nullable(), batch: z.string().nullable(), updatedAt: z.string(), updatedByName: z.string(), patient: patientSchema,
});

export const recallDetailResponse = z.object({ recall: recallResponse, actions: z.array(recallActionResponse), contactOnly: contactOnlySchema, withheld: z.number(), withheldByTeam: withheldSchema });

export const matchJson = (m: ShownMatch): z.infer<typeof recallMatchResponse> => ({
  loanId: m.loanId, episodeId: m.episodeId, teamName: m.teamName, itemName: m.itemName, make: m.make, model: m.model, serialNumber: m.serialNumber, batch: m.batch,
  quantity: m.quantity, loanStatus: m.loanStatus, deliveredAt: m.deliveredAt ? new Date(m.deliveredAt).toISOString() : null, patient: m.patient,
});

export const searchJson = (r: RecallSearchResult): z.infer<typeof recallSearchResponse> => ({ ...r, shown: r.shown.map(matchJson) });

export const recallJson = (r: EquipmentRecall): z.infer<typeof recallResponse> => ({ ...r, createdAt: r.createdAt.toISOString() });

export const actionJson = (a: RecallActionRow & { patient: RecallPatient }): z.infer<typeof recallActionResponse> => ({
  id: a.id, version: a.version, recallId: a.recallId, loanId: a.loanId, teamName: a.teamName, status: a.status, outcome: a.outcome,
  serialNumber: a.serialNumber, batch: a.batch, updatedAt: a.updatedAt.toISOString(), updatedByName: a.updatedByName, patient: a.patient,
});
