// The hazard log's check (HAZARDS.md, DCB0129): each hazard names the automated tests that prove its
// controls, as `path/to/file.test.ts` › `the test name`. A log that names a test which has been renamed
// or deleted claims a control nobody is proving any more, so the check fails, naming the hazard and the
// reference, when a named file is missing, when no it()/test() in it has that exact name, when the test
// is skipped, when a hazard names no test at all, when a code path it names as a control is gone, or
// when a score is not its severity times its likelihood in the band the 5x5 matrix gives it.
//
// Test names are read from the syntax tree (TypeScript's own parser), not by a regular expression, so a
// commented-out test, a name in a string elsewhere, or a name built at run time does not count.
import ts from 'typescript';
import { riskRating, riskRatingLabels, riskScore } from '@homeward/clinical';

export type TestReference = { file: string; name: string; line: number };
export type RiskLine = { when: string; severity: number; likelihood: number; score: number; band: string; line: number };
export type Hazard = { id: string; title: string; line: number; tests: TestReference[]; paths: Array<{ path: string; line: number }>; risks: RiskLine[] };

/** A test as declared: its own name (the last segment: describe blocks are not part of it) and how. */
export type DeclaredTest = { name: string; skipped: boolean };

const testFunctions = new Set(['it', 'test']);
const skippingModifiers = new Set(['skip', 'todo', 'fails']);

/**
 * Every it()/test() in a test file's source with a name written as a literal: `it('name')`,
 * `test.only('name')`, `it.each(rows)('name %s')`, `it.skipIf(cond)('name')`. Skipped ones are marked.
 */
export function declaredTests(source: string, fileName = 'test.ts'): DeclaredTest[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: DeclaredTest[] = [];
  /** The callee chain of a test call (it, it.skip, it.each(rows), it.skipIf(x)...): its root and modifiers. */
  const chain = (callee: ts.Expression): { root: string; modifiers: string[] } | undefined => {
    if (ts.isIdentifier(callee)) return { root: callee.text, modifiers: [] };
    if (ts.isPropertyAccessExpression(callee)) {
      const inner = chain(callee.expression);
      return inner && { root: inner.root, modifiers: [...inner.modifiers, callee.name.text] };
    }
    if (ts.isCallExpression(callee)) return chain(callee.expression);
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const c = chain(node.expression);
      const first = node.arguments[0];
      // it.each(rows) is itself a call whose first argument is the rows, not a name: only the call
      // whose callee ends in the modifier (or is the bare function) is the declaration.
      const declares = c && testFunctions.has(c.root) && !(ts.isPropertyAccessExpression(node.expression) && ['each', 'for', 'skipIf', 'runIf'].includes(node.expression.name.text));
      if (declares && first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        found.push({ name: first.text, skipped: c.modifiers.some((m) => skippingModifiers.has(m)) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const headingPattern = /^##\s+(H-\d{2,})\s*[:.\-–—]?\s*(.*)$/;
/** `path/to/file.test.ts` › `the test name` (a describe path before the name is allowed: `a › b`). */
const testReferencePattern = /`([^`\s]+\.test\.ts)`\s*›\s*`([^`]+)`/g;
/** A path in the repository named as a control: `packages/...`, `e2e/...`, `scripts/...`, `.ci/...`. */
const pathPattern = /`((?:packages|e2e|scripts|bench|\.ci)\/[^`\s]*[^`\s/])`/g;
/** A row of the risk table: | before controls | 4 | 3 | 12 | High | */
const riskRowPattern = /^\|\s*([^|]*?\b(?:before|after)\b[^|]*?)\s*\|\s*(\d+)[^|]*\|\s*(\d+)[^|]*\|\s*(\d+)[^|]*\|\s*([A-Za-z]+)\s*\|/i;

/** The hazards of a log: each `## H-NN title` section with the test references, paths and risk rows in it. */
export function parseHazardLog(markdown: string): Hazard[] {
  const hazards: Hazard[] = [];
  let current: Hazard | undefined;
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    const heading = headingPattern.exec(text);
    if (heading) {
      current = { id: heading[1]!, title: heading[2]!.trim(), line, tests: [], paths: [], risks: [] };
      hazards.push(current);
      return;
    }
    // Any other heading of the same or a higher level ends the hazard (an appendix, a change log).
    if (/^#{1,2}\s/.test(text)) {
      current = undefined;
      return;
    }
    if (!current) return;
    for (const m of text.matchAll(testReferencePattern)) current.tests.push({ file: m[1]!, name: m[2]!, line });
    for (const m of text.matchAll(pathPattern)) if (!m[1]!.endsWith('.test.ts')) current.paths.push({ path: m[1]!, line });
    const risk = riskRowPattern.exec(text);
    if (risk) current.risks.push({ when: risk[1]!.trim(), severity: Number(risk[2]), likelihood: Number(risk[3]), score: Number(risk[4]), band: risk[5]!, line });
  });
  return hazards;
}

export type HazardLogFiles = {
  /** The file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** Whether a path (a file or a folder) exists. */
  exists(path: string): boolean;
};

/** Everything wrong with a log, one line each, naming the hazard and where in the log: empty when it holds. */
export function checkHazardLog(markdown: string, files: HazardLogFiles, logName = 'HAZARDS.md'): string[] {
  const problems: string[] = [];
  const hazards = parseHazardLog(markdown);
  if (hazards.length === 0) return [`${logName}: no hazards found (each is a "## H-NN title" heading)`];
  const seen = new Set<string>();
  const testsOf = new Map<string, DeclaredTest[] | undefined>();
  for (const hazard of hazards) {
    const at = (line: number) => `${logName}:${line} ${hazard.id} (${hazard.title})`;
    if (seen.has(hazard.id)) problems.push(`${at(hazard.line)}: ${hazard.id} appears twice`);
    seen.add(hazard.id);
    if (hazard.tests.length === 0) problems.push(`${at(hazard.line)}: names no test proving its controls`);
    for (const ref of hazard.tests) {
      if (!testsOf.has(ref.file)) {
        const source = files.read(ref.file);
        testsOf.set(ref.file, source === undefined ? undefined : declaredTests(source, ref.file));
      }
      const declared = testsOf.get(ref.file);
      // Describe blocks are context for the reader: the test's own name is the last segment.
      const name = ref.name.split(' › ').at(-1)!.trim();
      if (declared === undefined) {
        problems.push(`${at(ref.line)}: ${ref.file} does not exist (named for "${name}")`);
      } else {
        const matches = declared.filter((t) => t.name === name);
        if (matches.length === 0) problems.push(`${at(ref.line)}: no it()/test() in ${ref.file} is named "${name}"`);
        else if (matches.every((t) => t.skipped)) problems.push(`${at(ref.line)}: "${name}" in ${ref.file} is skipped, so it proves nothing`);
      }
    }
    for (const { path, line } of hazard.paths) {
      if (!files.exists(path)) problems.push(`${at(line)}: the control ${path} does not exist`);
    }
    if (hazard.risks.length < 2) problems.push(`${at(hazard.line)}: needs its risk before and after controls (severity, likelihood, score, band)`);
    for (const r of hazard.risks) {
      let expected: { score: number; band: string } | undefined;
      try {
        const score = riskScore(r.likelihood, r.severity);
        expected = { score, band: riskRatingLabels[riskRating(score)] };
      } catch (error) {
        problems.push(`${at(r.line)}: ${r.when}: ${(error as Error).message}`);
      }
      if (expected && (expected.score !== r.score || expected.band.toLowerCase() !== r.band.toLowerCase())) {
        problems.push(`${at(r.line)}: ${r.when}: severity ${r.severity} x likelihood ${r.likelihood} is ${expected.score} (${expected.band}), not ${r.score} (${r.band})`);
      }
    }
  }
  return problems;
}
