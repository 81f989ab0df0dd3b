// The deliberate defects `npm run mutate:defects` puts, one at a time, into a scratch copy of the code,
// each with the tests that must catch it. StrykerJS (npm run mutate) runs only unit tests per mutant,
// so it cannot show the rules held by the integration tests (the server's access, record, platform
// and audit code, and the migrations' triggers); this list does, one named defect each.
//
// A defect is a small source change: in `file`, the text `find` (which must occur exactly once, else
// the defect is reported as stale: the code has moved and the defect must be written again) becomes
// `replace`. `tests` are the test files that must fail with it, run on both databases (integration
// tests) or as unit tests; `names` narrows them to the tests that hold the rule (Vitest's -t, a
// regular expression over "describe > test" names), which keeps a run short.
//
// Issue 10 listed ten holes that once went unnoticed; they come first, named `i10-<n>-...`.

export type Change = { file: string; find: string; replace: string };

export type Defect = {
  id: string;
  /** What would ship unnoticed if no test caught it. */
  what: string;
  changes: Change[];
  /** Test files (from the repository's root) that must fail. */
  tests: string[];
  /** Only the tests whose full names match (Vitest -t). */
  names?: string;
};

const relationshipQueries = 'packages/server/src/access/relationship-queries.ts';
const migration10 = 'packages/server/src/db/migrations/2026-12-04-0010-append-only-everywhere.ts';
const appendOnlyTest = 'packages/server/test/append-only-tables.int.test.ts';
const versionsTest = 'packages/server/test/versions-and-read-audit.int.test.ts';
const accessTest = 'packages/server/src/access/access-relationships.int.test.ts';
const noteRulesTest = 'packages/server/src/record/contact-note-rules.int.test.ts';
const signInRoutes = 'packages/server/src/staff/sign-in-routes.ts';
const signInTest = 'packages/server/src/staff/sign-in-and-sessions.int.test.ts';

export const defects: Defect[] = [
  {
    id: 'i10-1-break-glass-anyones',
    what: 'Break-glass not tied to the clinician who broke it: anyone reaches the record once one person has broken glass, with their reason',
    changes: [{ file: relationshipQueries, find: "          .where('break_glass.staff_id', '=', me)\n", replace: '' }],
    tests: [accessTest],
    names: 'break-glass belongs to the clinician who broke it',
  },
  {
    id: 'i10-2-hand-over-skips-competence',
    what: 'A hand-over skips the competence check: a complex patient handed to a support worker for the weekend',
    changes: [{ file: 'packages/server/src/caseload/allocate-episode.ts', find: '      if (!decision.allowed) {', replace: "      if (!decision.allowed && kind !== 'hand-over') {" }],
    tests: ['packages/server/src/caseload/hand-over-competence.int.test.ts'],
  },
  {
    id: 'i10-3-note-read-unaudited',
    what: 'Reading one contact note through the API is not audited',
    changes: [
      {
        file: 'packages/server/src/record/record-api-routes.ts',
        find: "    await auditRecordRead(app.db, access, 'contact-note', note.id);\n    return note;",
        replace: '    return note;',
      },
    ],
    tests: [noteRulesTest, versionsTest],
    names: 'reading one contact note|GET /api/contact-notes/\\{noteId\\}',
  },
  {
    id: 'i10-3b-note-page-read-unaudited',
    what: 'Reading one contact note through its page is not audited',
    changes: [
      {
        file: 'packages/server/src/record/record-pages.ts',
        find: "    await auditRecordRead(app.db, access, 'contact-note', note.id);\n    const principal = access.grant.staff;",
        replace: '    const principal = access.grant.staff;',
      },
    ],
    tests: [noteRulesTest],
    names: 'reading one contact note',
  },
  {
    id: 'i10-4a-consent-deletable',
    what: 'Consent rows deletable in the database: the append-only trigger refuses UPDATE only',
    changes: [
      {
        file: migration10,
        find: "    select guard_records('consent_records', 'append-only');\n",
        replace:
          "    select guard_records('consent_records', 'append-only');\n    create or replace trigger consent_records_append_only before update on consent_records for each row execute function refuse_change();\n",
      },
    ],
    tests: [appendOnlyTest],
    names: 'consent',
  },
  {
    id: 'i10-4b-final-note-time-changeable',
    what: "A final note's time changeable in the database: occurred_at left out of final-is-final",
    changes: [{ file: migration10, find: "'version updated_at updated_by', 'reviewed_at reviewed_by');", replace: "'version updated_at updated_by occurred_at', 'reviewed_at reviewed_by');" }],
    tests: [appendOnlyTest],
    names: 'contact_notes|final note',
  },
  {
    id: 'i10-5-draft-edit-ignores-version',
    what: 'A draft-note edit checked against the version as loaded, not the one the editor read: two tabs overwrite each other',
    changes: [{ file: 'packages/server/src/record/change-draft-note.ts', find: '    version: o.version,', replace: '    version: o.note.version,' }],
    tests: [noteRulesTest, versionsTest],
    names: 'two tabs|PUT /api/contact-notes/',
  },
  {
    id: 'i10-6-withdrawn-consent-live',
    what: 'A withdrawn consent still counted as live: treatment notes finalised after withdrawal with no reason',
    changes: [
      {
        file: 'packages/server/src/record/record-queries.ts',
        find: "    .where((eb) => eb.not(eb.exists(eb.selectFrom('consent_records as w').select('w.id').whereRef('w.withdraws_id', '=', 'c.id'))))\n",
        replace: '',
      },
    ],
    tests: [noteRulesTest],
    names: 'consent is withdrawn',
  },
  {
    id: 'i10-7-late-entry-not-recomputed',
    what: "The late-entry flag not recomputed when a draft's time is moved",
    changes: [
      {
        file: 'packages/server/src/record/change-draft-note.ts',
        find: "    set: { ...contentColumns(o.content), late_entry: isLateEntry(o.content.occurredAt, new Date(o.note.versions[0]!.writtenAt)) },",
        replace: "    set: { ...contentColumns(o.content) }, // late entry: isLateEntry",
      },
    ],
    tests: [noteRulesTest],
    names: 'late entry',
  },
  {
    id: 'i10-8-csrf-post-only',
    what: 'CSRF checked on POST only: PUT, PATCH and DELETE with the session cookie alone accepted',
    changes: [{ file: 'packages/server/src/platform/authentication.ts', find: "new Set(['POST', 'PUT', 'PATCH', 'DELETE'])", replace: "new Set(['POST'])" }],
    tests: ['packages/server/src/staff/sign-in-csrf-and-redirects.int.test.ts'],
    names: 'every unsafe method',
  },
  {
    id: 'i10-9-two-person-visit-one-skilled',
    what: "The planner's checker passes a two-person visit where only one person has the skill",
    changes: [
      {
        file: 'packages/planner/src/check-solution.ts',
        find: '      const ok = (holds(a.staffId, visit.requiredSkills) && holds(b.staffId, secondSkills)) || (holds(b.staffId, visit.requiredSkills) && holds(a.staffId, secondSkills));',
        replace: '      const ok = holds(a.staffId, visit.requiredSkills) || holds(b.staffId, visit.requiredSkills);',
      },
    ],
    tests: ['packages/planner/src/check-solution.test.ts', 'packages/planner/src/check-solution-rules.test.ts'],
  },
  {
    id: 'i10-10a-lock-out-refusal-unaudited',
    what: 'Sign-in refusals during a lock-out not audited',
    changes: [{ file: signInRoutes, find: '    if (error instanceof HomewardError) {', replace: "    if (error instanceof HomewardError && error.code !== 'too_many_attempts') {" }],
    tests: [signInTest],
    names: 'audits every sign-in',
  },
  {
    id: 'i10-10b-page-sign-out-unaudited',
    what: 'A sign-out through the page not audited',
    changes: [
      {
        file: signInRoutes,
        find: "        await audit(request, { action: 'sign-out', outcome: 'allowed', recordKind: 'staff', recordId: principal.staffId }, trx);\n",
        replace: '',
      },
    ],
    tests: [signInTest],
    names: 'audits every sign-in',
  },
  {
    id: 'i10-11-relationship-forever-after-discharge',
    what: 'A team keeps its relationship for ever after discharge (no follow-up period, then break-glass)',
    changes: [
      {
        file: 'packages/clinical/src/care-relationship.ts',
        find: '  if (facts.lastDischargedOn !== null && ukDateOf(now) <= followUpEndsOn(facts.lastDischargedOn)) return',
        replace: '  if (facts.lastDischargedOn !== null) return',
      },
    ],
    tests: [accessTest, 'packages/clinical/src/care-relationship.test.ts'],
    names: 'how long a relationship lasts|after discharge',
  },
  {
    id: 'i10-11b-accepted-referral-counts-for-ever',
    what: "An accepted referral counts as the team's relationship for ever (the old rule)",
    changes: [{ file: relationshipQueries, find: ".where('referrals.team_id', '=', team).where('referrals.status', '=', 'incoming'),", replace: ".where('referrals.team_id', '=', team)," }],
    tests: [accessTest],
    names: 'how long a relationship lasts',
  },

  // The server's other database-bound rules, which Stryker cannot reach.
  {
    id: 'stale-version-overwrites',
    what: 'A versioned write ignores the version it was sent (update-versioned): a stale write silently overwrites',
    changes: [{ file: 'packages/server/src/platform/update-versioned.ts', find: "    .where('id', '=', o.id)\n    .where('version', '=', o.version);", replace: "    .where('id', '=', o.id);" }],
    tests: [versionsTest],
    names: 'a stale version is 409',
  },
  {
    id: 'form-id-claimed-outside-the-write',
    what: "A page form's id claimed outside the write's transaction: a send that dies after the claim makes the repeat a lost write",
    changes: [{ file: 'packages/server/src/platform/write-once.ts', find: '    const first = await claimOnce(trx, claim);', replace: '    const first = await claimOnce(db, claim);' }],
    tests: ['packages/server/test/form-id-claim-in-the-write.int.test.ts', 'packages/server/src/platform/form-resubmission.int.test.ts'],
  },
  {
    id: 'idempotency-key-claimed-outside-the-write',
    what: "An API Idempotency-Key claimed outside the write's transaction: a write that fails leaves the key claimed, and the retry gets no write",
    changes: [{ file: 'packages/server/src/platform/idempotency.ts', find: '    const earlier = await claimOnce(trx, claim);', replace: '    const earlier = await claimOnce(db, claim);' }],
    tests: ['packages/server/src/platform/idempotent-replay-audit.int.test.ts', 'packages/server/src/platform/platform.int.test.ts', 'packages/server/test/form-id-claim-in-the-write.int.test.ts'],
  },
  {
    id: 'sign-in-lock-out-not-enforced',
    what: 'An email address locked after repeated failures still has its passwords checked, so guessing goes on',
    changes: [{ file: 'packages/server/src/staff/sign-in-with-password.ts', find: '  if (isLocked(address, options.maxFailures, now)) throw tooManyAttempts(options.lockMinutes);\n', replace: '' }],
    tests: [signInTest, 'packages/server/src/staff/sign-in-limits.int.test.ts'],
    names: 'lock|first five',
  },
  {
    id: 'access-refusal-unaudited',
    what: 'A refused access to a patient record not audited',
    changes: [
      {
        file: 'packages/server/src/access/authorise-patient-access.ts',
        find: "    await auditAs(actor, db, { action: refer ? 'write' : action, outcome: 'refused',",
        replace: "    if (refer) await auditAs(actor, db, { action: refer ? 'write' : action, outcome: 'refused',",
      },
    ],
    tests: [accessTest],
  },
  {
    id: 'break-glass-never-expires',
    what: 'Break-glass never expires: an old reason opens the record for ever',
    changes: [{ file: relationshipQueries, find: "          .where('break_glass.expires_at', '>', now)\n", replace: '' }],
    tests: ['packages/server/src/patients/patients.int.test.ts'],
    names: 'break glass',
  },
  {
    id: 'patient-read-unaudited',
    what: "Reading a patient's record not audited",
    changes: [{ file: 'packages/server/src/patients/read-patient.ts', find: "  await auditRead(o.grant, db, { recordKind: 'patient', recordId: patient.id, detail: o.detail ?? {} });\n", replace: '' }],
    tests: [versionsTest],
    names: 'GET /api/patients/\\{id\\} ',
  },
  {
    id: 'draft-changed-by-another-in-the-database',
    what: "A colleague's change or finalisation of someone else's draft note allowed by the database (its trigger gone)",
    changes: [
      {
        file: 'packages/server/src/db/migrations/2026-12-04-0009-record-authorship.ts',
        find: '    create trigger contact_notes_draft_by_author before update on contact_notes\n      for each row execute function refuse_draft_change_by_another();\n',
        replace: '',
      },
    ],
    tests: [appendOnlyTest],
    names: 'contact_notes',
  },
  {
    id: 'supervision-page-read-unaudited',
    what: 'The page of who works on an episode under supervision not audited',
    changes: [
      {
        file: 'packages/server/src/caseload/supervision-routes.ts',
        find: '    const supervisions = await listSupervisions(app.db, { episodeId: episode.id });\n    await auditSupervisionRead(app.db, access, supervisions.map((s) => s.id));\n',
        replace: '    const supervisions = await listSupervisions(app.db, { episodeId: episode.id });\n',
      },
    ],
    tests: [versionsTest],
    names: 'page /episodes/:id/supervision ',
  },
  {
    id: 'assessments-updatable',
    what: 'Scored assessments changeable in the database (append-only made never-deleted)',
    changes: [
      {
        file: migration10,
        find: "    select guard_records('assessments', 'append-only');\n",
        replace: "    drop trigger assessments_append_only on assessments;\n    select guard_records('assessments', 'never-deleted');\n",
      },
    ],
    tests: [appendOnlyTest],
    names: 'assessments',
  },
  {
    id: 'audit-events-updatable',
    what: 'The access audit changeable in the database (append-only made never-deleted)',
    changes: [
      {
        file: migration10,
        find: "    select guard_records('audit_events', 'append-only');\n",
        replace: "    drop trigger audit_events_append_only on audit_events;\n    select guard_records('audit_events', 'never-deleted');\n",
      },
    ],
    tests: [appendOnlyTest],
    names: 'audit_events',
  },
  {
    id: 'truncate-allowed',
    what: 'TRUNCATE of the record tables allowed (refuse_truncate lets it through)',
    changes: [
      {
        file: migration10,
        find: "      raise exception 'TRUNCATE on % is not allowed: Homeward never empties a table of records', tg_table_name\n        using errcode = 'HW001';",
        replace: '      return null;',
      },
    ],
    tests: [appendOnlyTest],
    names: 'TRUNCATE',
  },
  {
    id: 'final-discharge-summary-changeable',
    what: 'A final discharge summary changeable in the database (its final-is-final trigger gone)',
    changes: [
      {
        file: migration10,
        find: "    create trigger discharge_summaries_final_is_final before update on discharge_summaries for each row\n      execute function refuse_change_when_final('status', 'final', 'except', 'version updated_at updated_by');\n",
        replace: '',
      },
    ],
    tests: [appendOnlyTest],
    names: 'discharge_summaries',
  },
  {
    id: 'discharge-ignores-prescribed-equipment',
    what: 'A discharge that leaves equipment prescribed and never delivered (only items on loan are asked about)',
    changes: [
      {
        file: 'packages/server/src/equipment/collection-at-discharge.ts',
        find: '    const prescribed = await listUndeliveredPrescriptions(trx, o);',
        replace: '    const prescribed: Awaited<ReturnType<typeof listUndeliveredPrescriptions>> = [];',
      },
    ],
    tests: ['packages/server/src/record/discharge-with-equipment.int.test.ts'],
    names: 'prescribed',
  },
  {
    id: 'first-start-seeder-outlives-npm-start',
    what: 'The first start\'s seeding process carries on after npm start is killed, beside the next start on the same data directory',
    changes: [{ file: 'packages/server/src/cli/seed-new-demo-database.ts', find: '  if (!answered) process.exit(1);', replace: '  if (!answered) return;' }],
    tests: ['packages/server/src/main.int.test.ts'],
    names: 'killed during a first start',
  },
  {
    id: 'prescription-beside-a-discharge',
    what: 'A prescription sent as the episode is discharged lands in the discharged episode (the episode row not held)',
    changes: [
      {
        file: 'packages/server/src/equipment/prescribe-equipment.ts',
        find: "  const episodeNow = await trx.selectFrom('episodes').select('status').where('id', '=', o.access.episode.id).forShare().executeTakeFirst();",
        replace: '  const episodeNow = undefined as { status: string } | undefined;',
      },
    ],
    tests: ['packages/server/src/record/discharge-with-equipment.int.test.ts'],
    names: 'prescription and a discharge',
  },
  {
    id: 'risk-owned-by-another-teams-lead',
    what: "A team's risk owned by another team's clinical lead",
    changes: [
      {
        file: 'packages/server/src/safety/check-risk.ts',
        find: "  else if (owner.homeward_role === 'clinical-lead' && teamId !== null && owner.team_id !== teamId)",
        replace: '  else if (false)',
      },
    ],
    tests: ['packages/server/src/safety/risk-register.int.test.ts'],
  },
];
