// The JSON shape of a loan at discharge and in collection, for the API and the OpenAPI document.
import { z } from 'zod';
import type { LoanAtDischarge } from './collection-queries.ts';
import { dischargeDecisionLabels, loanStatusLabels } from './collection-words.ts';

export const loanAtDischargeResponse = z.object({
  id: z.string(), version: z.number(), patientId: z.string(), episodeId: z.string(), catalogueItemId: z.string(), itemName: z.string(), stockKind: z.enum(['stock', 'tracked']),
  serialNumber: z.string().nullable(), quantity: z.number(), status: z.string(), statusText: z.string(),
  dischargeDecision: z.enum(['stays-with-patient', 'collect', 'transferred']).nullable(), dischargeDecisionText: z.string().nullable(),
  collectionVisitId: z.string().nullable(), collectionDate: z.string().nullable(), deliveredAt: z.string().nullable(), endedAt: z.string().nullable(), endNote: z.string().nullable(),
});

export const loanJson = (l: LoanAtDischarge): z.infer<typeof loanAtDischargeResponse> => ({
  id: l.id, version: l.version, patientId: l.patientId, episodeId: l.episodeId, catalogueItemId: l.catalogueItemId, itemName: l.itemName, stockKind: l.stockKind,
  serialNumber: l.serialNumber, quantity: l.quantity, status: l.status, statusText: loanStatusLabels[l.status],
  dischargeDecision: l.dischargeDecision, dischargeDecisionText: l.dischargeDecision ? dischargeDecisionLabels[l.dischargeDecision] : null,
  collectionVisitId: l.collectionVisitId, collectionDate: l.collectionDate, deliveredAt: l.deliveredAt?.toISOString() ?? null, endedAt: l.endedAt?.toISOString() ?? null, endNote: l.endNote,
});

export const describeLoan = (l: LoanAtDischarge) => (l.serialNumber ? `${l.itemName}, serial ${l.serialNumber}` : l.quantity > 1 ? `${l.itemName} (${l.quantity})` : l.itemName);
