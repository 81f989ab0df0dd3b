// What the fuzz test throws at Homeward: a fixed corpus of inputs known to break web services
// (NUL bytes, lone surrogates, numbers past 32 bits, impossible dates, odd UUIDs, huge and deep
// values), fast-check arbitraries around them, and the mutations applied to a valid request.
import fc from 'fast-check';

/** A JSON number (or token) JavaScript cannot hold, written into the body as it is. */
export type RawJson = { rawJson: string };
export const rawJson = (text: string): RawJson => ({ rawJson: text });
const isRaw = (v: unknown): v is RawJson => typeof v === 'object' && v !== null && 'rawJson' in v && Object.keys(v).length === 1;

/** JSON text for a body that may hold raw tokens (1e400, 2^64 in full) that JSON.stringify cannot write. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (isRaw(v)) {
      raws.push(v.rawJson);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

const uuid = '0190a6f1-3c2b-7d4e-8f60-1a2b3c4d5e6f';

export const nastyStrings: string[] = [
  '',
  ' ',
  '\u0000',
  'Bl\u0000oor',
  '\ud800',
  'a\udfffb',
  '\udbff\udbff',
  '\ufeffBOM',
  '\u202eevil',
  '\u3000',
  '\r\n',
  'line\rbreak',
  '\t',
  '\u0008\u001b[31m',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-0',
  '0x10',
  '1_000',
  '2147483647',
  '2147483648',
  '-2147483649',
  '4294967296',
  '9007199254740993',
  '99999999999999999999999',
  '1.5',
  ' 1 ',
  '-1',
  '0',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '1900-01-01',
  '9999-12-31',
  '+275760-09-13',
  '275760-09-13',
  '275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z',
  '2026-11-24T25:00:00Z',
  '2026-11-24T10:00:00+25:00',
  '2026-11-24T10:00:00',
  '2026-11-24 10:00',
  '31/12/2026',
  `{${uuid}}`,
  uuid.toUpperCase(),
  `urn:uuid:${uuid}`,
  uuid.replace(/-/g, ''),
  `${uuid} `,
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '<script>alert(1)</script>',
  "'; drop table patients; --",
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '\\',
  '//evil.example',
  'x'.repeat(256),
  'x'.repeat(2_001),
  'x'.repeat(20_001),
  'é'.repeat(5_000),
  '😀'.repeat(3_000),
  'Ｎａｍｅ',
  'e\u0301',
  'ß'.repeat(10),
];

export const nastyNumbers: unknown[] = [
  0,
  -1,
  1.5,
  -0.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  1e21,
  1e308,
  -1e308,
  5e-324,
  rawJson('1e400'),
  rawJson('-1e400'),
  rawJson('123456789012345678901234567890'),
  rawJson('-0'),
  rawJson('1.0'),
];

function deep(depth: number, leaf: unknown, kind: 'array' | 'object'): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

export const nastyShapes: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [null],
  ['a', 'b'],
  [{}],
  { '': '' },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  deep(200, 1, 'array'),
  deep(2_000, 'x', 'array'),
  deep(500, 'x', 'object'),
  Array.from({ length: 5_000 }, (_, i) => i),
];

/** Strings that are not well-formed Unicode: a lone high or low surrogate somewhere. */
const loneSurrogates = fc
  .tuple(fc.string({ maxLength: 5 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 5 }))
  .map(([a, s, b]) => `${a}${String.fromCharCode(s)}${b}`);

const oddUuids = fc.uuid().chain((u) => fc.constantFrom(u, u.toUpperCase(), `{${u}}`, u.replace(/-/g, ''), `urn:uuid:${u}`, ` ${u}`));

/** Any string a client might send, weighted towards the ones that break things. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: oddUuids },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** Any JSON value a client might send in place of the right one. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: nastyString },
  { weight: 4, arbitrary: fc.constantFrom(...nastyNumbers) },
  { weight: 2, arbitrary: fc.constantFrom(...nastyShapes) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Percent-encoded bytes that are not UTF-8 (or that decode to NUL), sent in a URL or form as they are. */
export const rawPercent = ['%00', '%C0%80', '%ED%A0%80', '%FF', '%E3%80%80', '%0D%0A', '%', '%zz'];

// ---------------------------------------------------------------------------------------------------
// Mutations of one valid request

export type BodyOp =
  | { op: 'poison'; at: number; how: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'drop'; at: number }
  | { op: 'add'; key: string; value: unknown }
  | { op: 'replace'; value: unknown };

export type FormOp =
  | { op: 'poison'; at: number; how: number }
  | { op: 'set'; at: number; value: string }
  | { op: 'repeat'; at: number; values: string[] }
  | { op: 'raw'; at: number; value: string }
  | { op: 'drop'; at: number }
  | { op: 'add'; key: string; value: string };

export type Plan = {
  body: BodyOp[];
  form: FormOp[];
  /** A path parameter (by index) replaced, either encoded or as raw percent-bytes. */
  param: { at: number; value: string; raw: boolean } | null;
  query: Array<{ key: string; values: string[] }>;
  /** Send the body with another content type, or none at all. */
  transport: 'as-is' | 'empty' | 'form-encoded' | 'json' | 'text/plain' | 'json-latin1' | 'json-bom' | 'no-content-type';
};

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', '', 'version', 'id', 'a.b', '0', '[]'), fc.string({ maxLength: 8 }));

const bodyOp: fc.Arbitrary<BodyOp> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ op: fc.constant('poison' as const), at: fc.nat(), how: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: nastyValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('add' as const), key, value: nastyValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), value: nastyValue }) },
);

const formOp: fc.Arbitrary<FormOp> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ op: fc.constant('poison' as const), at: fc.nat(), how: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: nastyString }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), values: fc.array(nastyString, { minLength: 2, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('raw' as const), at: fc.nat(), value: fc.constantFrom(...rawPercent) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('add' as const), key, value: nastyString }) },
);

/** One operation mostly (so the rest of the request stays valid and the bad value gets deep), sometimes two or three. */
const fewOf = <T>(op: fc.Arbitrary<T>): fc.Arbitrary<T[]> =>
  fc.oneof({ weight: 5, arbitrary: fc.tuple(op) }, { weight: 1, arbitrary: fc.tuple(op, op) }, { weight: 1, arbitrary: fc.tuple(op, op, op) });

const isoDate = /^[+-]?\d{4,6}-\d{2}-\d{2}/;
const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value of the same kind as the valid one, made bad in a way that kind is often mishandled. */
export function poisoned(value: unknown, how: number): unknown {
  let choices: unknown[];
  if (typeof value === 'string') {
    choices = [`${value}\u0000`, `\u0000${value}`, `${value}\ud800`, `\udc00${value}`, 'x'.repeat(Math.max(value.length * 50, 300) + 1), 'x'.repeat(20_001), '', ' ', `${value}\u3000`, `${value}\r\n`];
    if (isoDate.test(value)) {
      choices.push('2026-02-30', '2025-02-29', '2026-11-31', '+275760-09-13T00:00:00Z', '275760-09-13', '-000001-01-01', '0000-01-01', '0001-01-01', '1900-01-01', '9999-12-31T23:59:59Z', '2026-11-24T24:00:00Z', `${value.slice(0, 10)}T10:00:00+14:00`, `${value.slice(0, 10)}T10:00:00-12:00`);
      choices.push('2026-02-30', '+275760-09-13T00:00:00Z', '275760-09-13');
    }
    if (uuidLike.test(value)) choices.push(`{${value}}`, value.toUpperCase(), value.replace(/-/g, ''), `urn:uuid:${value}`, '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '3b241101-e2bb-4255-8caf-4136c566a962');
    if (/^-?\d+(\.\d+)?$/.test(value)) choices.push('2147483648', '-2147483649', '99999999999999999999', '1e400', 'NaN', '-1', '0', '1.5');
  } else if (typeof value === 'number') {
    choices = [2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 1e21, 1e308, -1e308, -1, 0, 0.5, value + 0.5, -value, value * 1000, rawJson('1e400'), rawJson('123456789012345678901234567890'), String(value), null];
  } else if (typeof value === 'boolean') {
    choices = ['true', 1, 0, null, 'yes'];
  } else if (value === null) {
    choices = ['', 'null', 0, {}, [], '\u0000'];
  } else if (Array.isArray(value)) {
    choices = [[], [null], Array.from({ length: 2_000 }, () => value[0] ?? 'x'), [...value, ...value], value.map(() => '\u0000')];
  } else {
    choices = [{}, [], null, 'object', deep(100, {}, 'object')];
  }
  return choices[how % choices.length];
}

/** A form answer made bad: numbers past what a column holds, years far away, NUL bytes, huge text. */
export function poisonedAnswer(name: string, value: string, how: number): string {
  const choices = [`${value}\u0000`, `${value}\ud800`, 'x'.repeat(20_001), '', ' ', `${value}\u3000`];
  if (/^\d+(\.\d+)?$/.test(value) || /-(day|month|year)$|version|minutes|times|seconds|score|level|hours|visits/i.test(name)) {
    choices.push('2147483648', '-2147483649', '99999999999999999999', '1e400', 'NaN', 'Infinity', '-1', '0', '1.5', '0x10', ' 7 ', '٣', '32', '13', '31', '29');
  }
  if (/-year$/.test(name)) choices.push('275760', '0', '0000', '99999', '1899', '-1', '10000');
  if (uuidLike.test(value)) choices.push(`{${value}}`, value.toUpperCase(), '00000000-0000-0000-0000-000000000000');
  return choices[how % choices.length]!;
}

export function planArbitrary(o: { queryKeys: string[]; hasParams: boolean; hasBody: boolean }): fc.Arbitrary<Plan> {
  const queryValue = fc.oneof({ weight: 3, arbitrary: nastyString }, { weight: 1, arbitrary: fc.constantFrom('1', 'true', 'P1', 'd2a-pathway-1', '2026-11-01') });
  return fc.record({
    body: o.hasBody ? fewOf(bodyOp) : fc.constant([]),
    form: o.hasBody ? fewOf(formOp) : fc.constant([]),
    param: o.hasParams
      ? fc.option(fc.record({ at: fc.nat(), value: fc.oneof(nastyString, fc.constantFrom(...rawPercent)), raw: fc.boolean() }), { freq: 4 })
      : fc.constant(null),
    query: fc.array(fc.record({ key: o.queryKeys.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...o.queryKeys) }, { weight: 1, arbitrary: key }) : key, values: fc.array(queryValue, { minLength: 1, maxLength: 3 }) }), {
      maxLength: o.hasBody ? 1 : 3,
    }),
    transport: o.hasBody
      ? fc.oneof(
          { weight: 12, arbitrary: fc.constant('as-is' as const) },
          { weight: 1, arbitrary: fc.constantFrom('empty' as const, 'form-encoded' as const, 'json' as const, 'text/plain' as const, 'json-latin1' as const, 'json-bom' as const, 'no-content-type' as const) },
        )
      : fc.constant('as-is' as const),
  });
}

/** Every path to a value inside a JSON body, parents before children (not past 20 levels: a poisoned body may nest thousands deep). */
export function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (prefix.length >= 20) return out;
  if (Array.isArray(value)) {
    value.slice(0, 50).forEach((v, i) => {
      out.push([...prefix, i]);
      out.push(...pathsOf(v, [...prefix, i]));
    });
  } else if (typeof value === 'object' && value !== null && !isRaw(value)) {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      out.push(...pathsOf(v, [...prefix, k]));
    }
  }
  return out;
}

/** The valid body with one plan's operations applied (a structured clone: the valid one is kept). */
export function mutateJson(valid: unknown, ops: BodyOp[]): unknown {
  let body: unknown = structuredClone(valid);
  for (const op of ops) {
    if (op.op === 'replace') {
      body = op.value;
      continue;
    }
    if (op.op === 'add') {
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) Object.defineProperty(body, op.key, { value: op.value, enumerable: true, configurable: true, writable: true });
      continue;
    }
    const paths = pathsOf(body);
    if (!paths.length) {
      body = op.op === 'set' ? op.value : op.op === 'poison' ? poisoned(body, op.how) : body;
      continue;
    }
    const path = paths[op.at % paths.length]!;
    let parent = body as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (op.op === 'set') parent[last] = op.value;
    else if (op.op === 'poison') parent[last] = poisoned(parent[last], op.how);
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  }
  return body;
}

export type FormFields = Array<[string, string | { raw: string }]>;

/** The valid form's fields with one plan's operations applied. */
export function mutateForm(valid: FormFields, ops: FormOp[]): FormFields {
  let fields: FormFields = valid.map(([k, v]) => [k, v]);
  for (const op of ops) {
    if (op.op === 'add') {
      fields.push([op.key, op.value]);
      continue;
    }
    if (!fields.length) continue;
    const i = op.at % fields.length;
    const name = fields[i]![0];
    if (op.op === 'set') fields[i] = [name, op.value];
    else if (op.op === 'poison') fields[i] = [name, poisonedAnswer(name, typeof fields[i]![1] === 'string' ? (fields[i]![1] as string) : '', op.how)];
    else if (op.op === 'raw') fields[i] = [name, { raw: op.value }];
    else if (op.op === 'drop') fields = fields.filter((_f, j) => j !== i);
    else fields.splice(i, 1, ...op.values.map((v): [string, string] => [name, v]));
  }
  return fields;
}

/** application/x-www-form-urlencoded, as a browser writes it (raw percent-bytes kept as they are). */
export function encodeForm(fields: FormFields): string {
  return fields
    .map(([k, v]) => `${new URLSearchParams([[k, '']]).toString().slice(0, -1)}=${typeof v === 'string' ? new URLSearchParams([['', v]]).toString().slice(1) : v.raw}`)
    .join('&');
}

/** A query string, keys repeated where a plan repeats them. */
export function encodeQuery(base: Record<string, string>, extra: Plan['query']): string {
  const params = new URLSearchParams(base);
  for (const { key: k, values } of extra) {
    params.delete(k);
    for (const v of values) params.append(k, v);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
