// The ESR import page with the file the lead chose (issue 16 #5): sent as a browser sends a form with a
// file (multipart/form-data), it gets the same preview, the same form id once-only, the same CSRF check
// and the same refusals as the pasted text; a file too large is refused before it is read further,
// with the NHS.UK error summary; and no other page takes a file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esrMaxFileCharacters } from '@homeward/clinical';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

const count = async (t: TestApp, table: 'training_completions' | 'training_imports' | 'training_courses') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

type Part = string | { name: string; text: string; type?: string };

/** The body a browser sends for a form with a file input: the parts in the form's order. */
async function multipart(fields: Array<[string, Part]>): Promise<{ payload: Buffer; contentType: string }> {
  const data = new FormData();
  for (const [name, value] of fields) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, new Blob([value.text], { type: value.type ?? 'text/csv' }), value.name);
  }
  const request = new Request('http://homeward.test/', { method: 'POST', body: data });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

describe('choosing the ESR file on the import page', () => {
  let t: TestApp;
  let lead: TestClient;
  let therapist: TestClient;

  const a = () => t.service.a;
  const csv = () => [
    'Employee Number,Full Name,Email Address,Competence Name,Achievement Date',
    `1001,Alex Therapist,${a()['registered-therapist'].email},CSTF-FIRE,03/03/2026`,
    `1002,Alex AP,${a()['assistant-practitioner'].email},Fire Safety,2026-01-10`,
    `1003,Nobody Known,nobody@test.example,CSTF-FIRE,03/03/2026`,
  ].join('\n');

  /** The import form sent with the session's cookie; the CSRF token is one of the parts unless left out. */
  async function send(client: TestClient, url: string, fields: Array<[string, Part]>, o: { csrf?: boolean } = {}) {
    const { payload, contentType } = await multipart(o.csrf === false ? fields : [['_csrf', client.csrfToken], ...fields]);
    return t.app.inject({ method: 'POST', url, payload, headers: { cookie: client.cookie, 'content-type': contentType } });
  }

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    const fire = await lead.post('/api/training/courses', { code: 'CSTF-FIRE', name: 'Fire Safety', renewalMonths: 24, roles: ['assistant-practitioner', 'registered-therapist'] });
    expect(fire.statusCode, fire.body).toBe(201);
  });
  afterAll(() => t.close());

  it('offers the file to choose first, with the pasted text as the alternative', async () => {
    const page = await lead.get('/training/imports/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toMatch(/<input[^>]*id="csvFile"[^>]*type="file"[^>]*accept=".csv,text\/csv"/);
    expect(page.body.indexOf('id="csvFile"')).toBeLessThan(page.body.indexOf('id="csv"'));
  });

  it('previews the chosen file, named by its file name, and previews it once when the form is sent twice', async () => {
    const before = await count(t, 'training_completions');
    const formId = '0193a0c0-0000-7000-8000-0000000000a1';
    const fields: Array<[string, Part]> = [['formId', formId], ['csvFile', { name: 'esr-december.csv', text: csv() }], ['csv', ''], ['fileName', '']];
    const sent = await send(lead, '/training/imports/new', fields);
    expect(sent.statusCode, sent.body.slice(0, 500)).toBe(303);
    const location = sent.headers.location as string;
    expect(location).toMatch(/^\/training\/imports\/[0-9a-f-]{36}$/);
    const page = await lead.get(location);
    expect(page.body).toContain('2 completions will be added');
    expect(page.body).toContain('Nobody in your team has the email address nobody@test.example');
    const stored = await t.db.selectFrom('training_imports').select(['file_name', 'status']).where('id', '=', location.split('/').pop()!).executeTakeFirstOrThrow();
    expect(stored).toEqual({ file_name: 'esr-december.csv', status: 'previewed' });
    expect(await count(t, 'training_completions')).toBe(before);

    const twice = await send(lead, '/training/imports/new', fields);
    expect(twice.statusCode).toBe(303);
    expect(twice.headers.location).toBe(location);
    // The same form id with another file is not a repeat: refused, nothing more stored.
    const imports = await count(t, 'training_imports');
    const other = await send(lead, '/training/imports/new', [['formId', formId], ['csvFile', { name: 'other.csv', text: `${csv()}\n` }], ['csv', ''], ['fileName', '']]);
    expect(other.statusCode).toBe(409);
    expect(await count(t, 'training_imports')).toBe(imports);
  });

  it('uses the pasted text when no file was chosen (the browser sends an empty file part)', async () => {
    const sent = await send(lead, '/training/imports/new', [['formId', '0193a0c0-0000-7000-8000-0000000000a2'], ['csvFile', { name: '', text: '', type: 'application/octet-stream' }], ['csv', csv()], ['fileName', 'pasted december']]);
    expect(sent.statusCode, sent.body.slice(0, 500)).toBe(303);
    const stored = await t.db.selectFrom('training_imports').select('file_name').where('id', '=', (sent.headers.location as string).split('/').pop()!).executeTakeFirstOrThrow();
    expect(stored.file_name).toBe('pasted december');
  });

  it('refuses a file too large before reading it, with the error summary beside the file input; nothing stored', async () => {
    const imports = await count(t, 'training_imports');
    const huge = `Email Address,Competence Name,Achievement Date\n${'someone@test.example,CSTF-FIRE,01/01/2026\n'.repeat(Math.ceil((esrMaxFileCharacters * 4) / 40) + 10)}`;
    const refused = await send(lead, '/training/imports/new', [['formId', '0193a0c0-0000-7000-8000-0000000000a3'], ['csvFile', { name: 'everyone.csv', text: huge }], ['csv', '']]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#csvFile"');
    expect(refused.body).toContain('The file is too large: an export for one team is at most 200,000 characters');
    expect(refused.body).not.toContain('someone@test.example');
    // Over the character limit but under the bytes read: the one rule's own words.
    const over = await send(lead, '/training/imports/new', [['formId', '0193a0c0-0000-7000-8000-0000000000a4'], ['csvFile', { name: 'big.csv', text: huge.slice(0, esrMaxFileCharacters + 100) }], ['csv', '']]);
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain('The file is too large (200,100 characters)');
    expect(over.body).toContain('href="#csvFile"');
    expect(await count(t, 'training_imports')).toBe(imports);
  });

  it('refuses a chosen file with the wrong columns, or empty, beside the file input', async () => {
    const imports = await count(t, 'training_imports');
    const wrong = await send(lead, '/training/imports/new', [['formId', '0193a0c0-0000-7000-8000-0000000000a5'], ['csvFile', { name: 'wrong.csv', text: 'Name,Course\nA,B' }], ['csv', '']]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The file has the wrong columns');
    expect(wrong.body).toContain('href="#csvFile"');
    const empty = await send(lead, '/training/imports/new', [['formId', '0193a0c0-0000-7000-8000-0000000000a6'], ['csvFile', { name: 'empty.csv', text: '' }], ['csv', '']]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('The file is empty');
    expect(await count(t, 'training_imports')).toBe(imports);
  });

  it('checks the CSRF token and who may import, as for any form; no other page takes a file', async () => {
    const imports = await count(t, 'training_imports');
    const forged = await send(lead, '/training/imports/new', [['formId', '0193a0c0-0000-7000-8000-0000000000a7'], ['csvFile', { name: 'esr.csv', text: csv() }]], { csrf: false });
    expect(forged.statusCode).toBe(403);
    const notLead = await send(therapist, '/training/imports/new', [['formId', '0193a0c0-0000-7000-8000-0000000000a8'], ['csvFile', { name: 'esr.csv', text: csv() }]]);
    expect(notLead.statusCode).toBe(403);
    expect(await count(t, 'training_imports')).toBe(imports);

    const { payload, contentType } = await multipart([['formId', '0193a0c0-0000-7000-8000-0000000000ab'], ['csvFile', { name: 'esr.csv', text: csv() }]]);
    const signedOut = await t.app.inject({ method: 'POST', url: '/training/imports/new', payload, headers: { 'content-type': contentType } });
    expect([302, 303, 401]).toContain(signedOut.statusCode);
    expect(await count(t, 'training_imports')).toBe(imports);

    const courses = await count(t, 'training_courses');
    const elsewhere = await send(lead, '/training/courses', [['formId', '0193a0c0-0000-7000-8000-0000000000a9'], ['code', 'MH'], ['name', 'Manual Handling'], ['renewalMonths', '36'], ['roles', 'support-worker']]);
    expect(elsewhere.statusCode).toBe(415);
    expect(await count(t, 'training_courses')).toBe(courses);
    // A file in a field the import form does not have.
    const stray = await send(lead, '/training/imports/new', [['formId', '0193a0c0-0000-7000-8000-0000000000aa'], ['photo', { name: 'x.csv', text: csv() }]]);
    expect(stray.statusCode).toBe(400);
    expect(await count(t, 'training_imports')).toBe(imports);
  });
});
