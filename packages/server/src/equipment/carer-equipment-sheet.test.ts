// The carer's equipment sheet as a document: what is with the patient, in plain words, and who to call.
import { describe, expect, it } from 'vitest';
import { pdfDocumentText } from '../platform/pdf-document.ts';
import { buildCarerEquipmentSheet, defaultSheetPrintSize, equipmentWithPatient } from './carer-equipment-sheet.ts';
import type { LoanResponse } from './loan-schema.ts';

const loan = (o: Partial<LoanResponse>): LoanResponse => ({
  id: 'l1', version: 2, patientId: 'p', episodeId: 'e', teamId: 't', catalogueItemId: 'c', itemName: 'Bath board', category: 'bathing', make: 'Days', model: 'BB1', stockKind: 'stock',
  instructions: 'Check both clamps are tight before sitting.', itemId: null, serialNumber: null, storeId: 's', quantity: 1, reason: 'Cannot step into the bath', assessmentId: null,
  assessmentNote: 'Home assessment', riskAssessment: null, riskAssessedAt: null, status: 'delivered', prescribedAt: '2026-11-20T10:00:00Z', prescribedBy: 'a', prescribedByName: 'Alex',
  deliveredAt: '2026-11-23T12:00:00Z', deliveredBy: 'b', deliveredByName: 'Sam', deliveredWhere: 'Home', fitted: true, endNote: null, training: [], ...o,
});

describe('the carer’s equipment sheet', () => {
  const patient = { givenName: 'Betty', familyName: 'Brown', nhsNumber: '9434765919', communicationNeeds: { needs: [] as string[] } };
  const team = { name: 'Burslem community therapy', baseLocation: 'Haywood Hospital', phone: '01782 555 123' };

  it('lists what is with the patient now: not what is prescribed, cancelled or returned', () => {
    const loans = ['prescribed', 'delivered', 'to-collect', 'returned', 'cancelled', 'stays-with-patient'].map((status, i) => loan({ id: `l${i}`, status: status as LoanResponse['status'] }));
    expect(equipmentWithPatient(loans).map((l) => l.status)).toEqual(['delivered', 'to-collect', 'stays-with-patient']);
  });

  it('says how to use each safely, who was shown (understood only), and who to call, with the number unbroken', () => {
    const text = pdfDocumentText(buildCarerEquipmentSheet({
      patient, team, printSize: 'standard', today: '2026-11-24',
      loans: [
        loan({ training: [
          { id: 't1', loanId: 'l1', personKind: 'carer', personName: 'Sarah Brown', whatTaught: 'Clamps', understood: 'yes', understandingNote: null, taughtAt: '2026-11-23T12:00:00Z', taughtBy: 'b', taughtByName: 'Sam' },
          { id: 't2', loanId: 'l1', personKind: 'agency-staff', personName: 'Tom', whatTaught: 'Clamps', understood: 'no', understandingNote: 'Again Thursday', taughtAt: '2026-11-23T12:00:00Z', taughtBy: 'b', taughtByName: 'Sam' },
        ] }),
        loan({ id: 'l2', itemName: 'Mobile hoist', instructions: '', serialNumber: 'HST-0001', stockKind: 'tracked' }),
      ],
    }));
    expect(text).toContain('Bath board');
    expect(text).toContain('How to use it safely: Check both clamps are tight before sitting.');
    expect(text).toContain('Shown how to use it: Sarah Brown (a family member or unpaid carer)');
    expect(text).not.toContain('Tom');
    expect(text).toContain('How to use it safely: Use it only as you were shown. If you are not sure how, do not use it and call us.');
    expect(text).toContain('Its number: HST-0001');
    expect(text).toContain('Shown how to use it: Nobody yet. Ask us to show you before you use it');
    expect(text).toContain('call Burslem community therapy on 01782\u00a0555\u00a0123');
  });

  it('is large print by default when the patient needs it', () => {
    expect(defaultSheetPrintSize({ communicationNeeds: { needs: ['large-print'] } })).toBe('large');
    expect(defaultSheetPrintSize({ communicationNeeds: { needs: [] } })).toBe('standard');
  });
});
