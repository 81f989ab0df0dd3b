import { describe, expect, it } from 'vitest';
import { parseStaffForm } from './staff-form.ts';

const teamId = '019a0000-0000-7000-8000-000000000001';
const form = (overrides: Record<string, string> = {}) => ({
  givenName: ' Priya ',
  familyName: 'Shah',
  email: 'Priya.Shah@NHS.net',
  homewardRole: 'registered-therapist',
  teamId,
  profession: 'OT',
  registrationNumber: 'ot 12345',
  band: '6',
  baseLocation: '',
  contractedHours: '22.5',
  password: 'twelve-chars-or-more',
  ...overrides,
});
const paths = (r: ReturnType<typeof parseStaffForm>) => (r.ok ? [] : r.fields.map((f) => f.path));

describe('the staff account form', () => {
  it('turns what was typed into account details', () => {
    const r = parseStaffForm(form(), 'new');
    expect(r).toMatchObject({ ok: true, password: 'twelve-chars-or-more' });
    if (!r.ok) return;
    expect(r.details).toEqual({
      givenName: 'Priya',
      familyName: 'Shah',
      email: 'priya.shah@nhs.net',
      profession: 'OT',
      registrationNumber: 'OT12345',
      band: '6',
      homewardRole: 'registered-therapist',
      teamId,
      baseLocation: null,
      contractedHours: 22.5,
      active: true,
    });
  });

  it('needs an HCPC number with the right prefix for OTs and PTs, and none for anyone else', () => {
    expect(paths(parseStaffForm(form({ registrationNumber: '' }), 'new'))).toEqual(['registrationNumber']);
    expect(paths(parseStaffForm(form({ registrationNumber: 'OT12A45' }), 'new'))).toEqual(['registrationNumber']);
    expect(paths(parseStaffForm(form({ profession: 'PT', registrationNumber: 'OT12345' }), 'new'))).toEqual(['registrationNumber']);
    expect(parseStaffForm(form({ profession: 'PT', registrationNumber: 'PH12345' }), 'new').ok).toBe(true);
    expect(paths(parseStaffForm(form({ homewardRole: 'support-worker', profession: 'none' }), 'new'))).toEqual(['registrationNumber']);
    expect(paths(parseStaffForm(form({ profession: 'none', registrationNumber: '' }), 'new'))).toEqual(['profession']);
  });

  it('needs a team for clinical roles only', () => {
    expect(paths(parseStaffForm(form({ teamId: '' }), 'new'))).toEqual(['teamId']);
    expect(parseStaffForm(form({ teamId: '', homewardRole: 'privacy-officer', profession: 'none', registrationNumber: '' }), 'new').ok).toBe(true);
  });

  it('lists every problem at once, in the order of the form', () => {
    const r = parseStaffForm(form({ givenName: '', email: 'nope', registrationNumber: '', contractedHours: '61', password: 'short' }), 'new');
    expect(paths(r)).toEqual(['givenName', 'email', 'registrationNumber', 'contractedHours', 'password']);
  });

  it('checks contracted hours: a number from 0 to 60 with at most one decimal place', () => {
    expect(paths(parseStaffForm(form({ contractedHours: '' }), 'new'))).toEqual(['contractedHours']);
    expect(paths(parseStaffForm(form({ contractedHours: 'full time' }), 'new'))).toEqual(['contractedHours']);
    expect(paths(parseStaffForm(form({ contractedHours: '37.55' }), 'new'))).toEqual(['contractedHours']);
    expect(parseStaffForm(form({ contractedHours: '0' }), 'new').ok).toBe(true);
    expect(parseStaffForm(form({ contractedHours: '60' }), 'new').ok).toBe(true);
  });

  it('asks whether the account is active only when changing it, and never for a password', () => {
    const { password: _p, ...noPassword } = form();
    expect(paths(parseStaffForm(noPassword, 'edit'))).toEqual(['active']);
    const r = parseStaffForm({ ...noPassword, active: 'no' }, 'edit');
    expect(r.ok && r.details.active).toBe(false);
  });
});
