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
import { matchesGlob } from 'node:path';
import { riskRating, riskRatingLabels, riskScore } from '@homeward/clinical';

export type TestReference = { file: string; name: string; line: number };
export type RiskLine = { when: string; severity: number; likelihood: number; score: number; band: string; line: number };
export type Hazard = { id: string; title: string; line: number; tests: TestReference[]; paths: Array<{ path: string; line: number }>; risks: RiskLine[] };

/**
 * A test as declared: its own name; the describe blocks around it, outermost first (undefined for a
 * describe whose name is built at run time, as describe(g.table) or describe.each); whether its name is
 * a template filled in at run time (it.each's '%s', '$name'); and whether it is skipped (by itself or by
 * an enclosing describe, or under an `if`, so it may never run).
 */
export type DeclaredTest = { name: string; describes: Array<string | undefined>; templated: boolean; skipped: boolean };

const testFunctions = new Set(['it', 'test']);
const describeFunctions = new Set(['describe', 'suite']);
const skippingModifiers = new Set(['skip', 'todo', 'fails']);
const tableModifiers = new Set(['each', 'for']);
/** printf-style placeholders and $name / $0 interpolation, as it.each and describe.each fill them in. */
const placeholder = /%[sdifjoO#%]|\$[A-Za-z0-9_]/;

/**
 * Every it()/test() in a test file's source with a name written as a literal: `it('name')`,
 * `test.only('name')`, `it.each(rows)('name %s')`, `it.skipIf(cond)('name')`, with the describe blocks
 * around it. Skipped ones are marked: it.skip/todo/fails, skipIf(true), runIf(false), the same on any
 * enclosing describe, or a test inside an `if` or a conditional expression.
 */
export function declaredTests(source: string, fileName = 'test.ts'): DeclaredTest[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: DeclaredTest[] = [];
  type Chain = { root: string; modifiers: string[]; skipsItself: boolean };
  /** The callee chain of a test call (it, it.skip, it.each(rows), it.skipIf(x)...): its root, modifiers and whether they skip it. */
  const chain = (callee: ts.Expression): Chain | undefined => {
    if (ts.isIdentifier(callee)) return { root: callee.text, modifiers: [], skipsItself: false };
    if (ts.isPropertyAccessExpression(callee)) {
      const inner = chain(callee.expression);
      const modifier = callee.name.text;
      return inner && { root: inner.root, modifiers: [...inner.modifiers, modifier], skipsItself: inner.skipsItself || skippingModifiers.has(modifier) };
    }
    if (ts.isCallExpression(callee)) {
      const inner = chain(callee.expression);
      if (!inner) return undefined;
      // skipIf(true) / runIf(false) written out: skipped as surely as .skip.
      const last = inner.modifiers.at(-1);
      const argument = callee.arguments[0]?.kind;
      const skips = (last === 'skipIf' && argument === ts.SyntaxKind.TrueKeyword) || (last === 'runIf' && argument === ts.SyntaxKind.FalseKeyword);
      return { ...inner, skipsItself: inner.skipsItself || skips };
    }
    return undefined;
  };
  // Simple generated tests are resolved: `for (const g of guarded)` over an array literal declared in
  // the file, with describe(g.table), it(`refuses ${g.parent}`) and if (g.kind === 'x') read per row.
  type Bindings = ReadonlyMap<string, ts.ObjectLiteralExpression>;
  const unwrap = (e: ts.Expression): ts.Expression =>
    ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) ? unwrap(e.expression) : e;
  const arrays = new Map<string, ts.ArrayLiteralExpression>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = unwrap(node.initializer);
      if (ts.isArrayLiteralExpression(init)) arrays.set(node.name.text, init);
    }
    ts.forEachChild(node, collect);
  };
  collect(file);
  const property = (e: ts.Expression, bindings: Bindings): ts.Expression | undefined => {
    e = unwrap(e);
    if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
    const row = bindings.get(e.expression.text);
    const found = row?.properties.find((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === e.name.text);
    return found && ts.isPropertyAssignment(found) ? unwrap(found.initializer) : undefined;
  };
  const resolveArray = (e: ts.Expression, bindings: Bindings): ts.ArrayLiteralExpression | undefined => {
    const u = unwrap(e);
    const found = ts.isIdentifier(u) ? arrays.get(u.text) : property(u, bindings);
    return found && ts.isArrayLiteralExpression(found) && found.elements.every((el) => ts.isObjectLiteralExpression(unwrap(el))) ? found : undefined;
  };
  const resolveString = (node: ts.Node | undefined, bindings: Bindings): string | undefined => {
    if (!node) return undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const part = resolveString(span.expression, bindings);
        if (part === undefined) return undefined;
        text += part + span.literal.text;
      }
      return text;
    }
    const value = ts.isExpression(node) ? property(node, bindings) : undefined;
    return value && ts.isStringLiteral(value) ? value.text : undefined;
  };
  /** true or false when a condition compares resolvable strings; undefined otherwise. */
  const evaluate = (e: ts.Expression, bindings: Bindings): boolean | undefined => {
    e = unwrap(e);
    if (!ts.isBinaryExpression(e)) return undefined;
    const op = e.operatorToken.kind;
    if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return undefined;
    const left = resolveString(e.left, bindings);
    const right = resolveString(e.right, bindings);
    if (left === undefined || right === undefined) return undefined;
    return (left === right) === (op === ts.SyntaxKind.EqualsEqualsEqualsToken);
  };
  const visit = (node: ts.Node, describes: Array<string | undefined>, skipped: boolean, bindings: Bindings): void => {
    const next = (child: ts.Node) => visit(child, describes, skipped, bindings);
    if (ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer) && node.initializer.declarations.length === 1 && ts.isIdentifier(node.initializer.declarations[0]!.name)) {
      const rows = resolveArray(node.expression, bindings);
      if (rows) {
        const variable = (node.initializer.declarations[0]!.name as ts.Identifier).text;
        for (const row of rows.elements) visit(node.statement, describes, skipped, new Map([...bindings, [variable, unwrap(row) as ts.ObjectLiteralExpression]]));
        return;
      }
    }
    // A test under an `if` (or a ?:) runs only when the condition holds: unless the condition can be
    // worked out for the row, it cannot be counted on.
    if (ts.isIfStatement(node)) {
      const holds = evaluate(node.expression, bindings);
      if (holds === true) next(node.thenStatement);
      else if (holds === false) { if (node.elseStatement) next(node.elseStatement); }
      else ts.forEachChild(node, (child) => visit(child, describes, child === node.expression ? skipped : true, bindings));
      return;
    }
    if (ts.isConditionalExpression(node)) {
      ts.forEachChild(node, (child) => visit(child, describes, child === node.condition ? skipped : true, bindings));
      return;
    }
    if (ts.isCallExpression(node)) {
      const c = chain(node.expression);
      // it.each(rows) is itself a call whose first argument is the rows, not a name: only the call
      // whose callee ends in the modifier (or is the bare function) is the declaration.
      const declares = c && !(ts.isPropertyAccessExpression(node.expression) && ['each', 'for', 'skipIf', 'runIf'].includes(node.expression.name.text));
      if (declares && testFunctions.has(c.root)) {
        const name = resolveString(node.arguments[0], bindings);
        if (name !== undefined) {
          const templated = c.modifiers.some((m) => tableModifiers.has(m)) && placeholder.test(name);
          found.push({ name, describes, templated, skipped: skipped || c.skipsItself });
        }
      } else if (declares && describeFunctions.has(c.root)) {
        const name = resolveString(node.arguments[0], bindings);
        // describe.each('%s') names a block per row: as unknowable here as describe(someVariable).
        const known = name !== undefined && !(c.modifiers.some((m) => tableModifiers.has(m)) && placeholder.test(name));
        const inner = [...describes, known ? name : undefined];
        for (const argument of node.arguments.slice(1)) visit(argument, inner, skipped || c.skipsItself, bindings);
        return;
      }
    }
    ts.forEachChild(node, next);
  };
  visit(file, [], false, new Map());
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

/** A test project as vitest.config.ts declares it: the files a run picks up. */
export type TestProject = { name?: string; include: string[]; exclude?: string[] };
/** Vitest's own exclude, used when a project gives none. */
const defaultExclude = ['**/node_modules/**', '**/.git/**'];

/**
 * Everything wrong with a log, one line each, naming the hazard and where in the log: empty when it holds.
 * With `projects` (vitest.config.ts's), a named file must also be one a test run picks up.
 */
export function checkHazardLog(markdown: string, files: HazardLogFiles, logName = 'HAZARDS.md', options: { projects?: TestProject[] } = {}): string[] {
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
      const segments = ref.name.split(' › ').map((segment) => segment.trim());
      const name = segments.at(-1)!;
      const path = segments.slice(0, -1);
      if (declared === undefined) {
        problems.push(`${at(ref.line)}: ${ref.file} does not exist (named for "${name}")`);
        continue;
      }
      if (options.projects && !options.projects.some((p) => p.include.some((g) => matchesGlob(ref.file, g)) && !(p.exclude ?? defaultExclude).some((g) => matchesGlob(ref.file, g)))) {
        problems.push(`${at(ref.line)}: ${ref.file} is in no test project's include patterns (vitest.config.ts), so no test run picks it up`);
      }
      const sameName = declared.filter((t) => t.name === name);
      if (sameName.length === 0) {
        problems.push(`${at(ref.line)}: no it()/test() in ${ref.file} is named "${name}"`);
        continue;
      }
      // A describe path given is checked where the describes are literal; where one is built at run
      // time, or the name is a template filled in per row, only a name unique in the file says which test.
      const checkable = (t: DeclaredTest) => !t.templated && t.describes.every((d) => d !== undefined);
      const fits = (t: DeclaredTest) => checkable(t) ? t.describes.length === path.length && t.describes.every((d, i) => d === path[i]) : sameName.length === 1;
      if (path.length === 0 && sameName.length > 1) {
        problems.push(`${at(ref.line)}: "${name}" occurs ${sameName.length} times in ${ref.file}: ambiguous, name its describe path`);
        continue;
      }
      const matches = path.length === 0 ? sameName : sameName.filter(fits);
      if (matches.length === 0) {
        problems.push(sameName.some((t) => !checkable(t))
          ? `${at(ref.line)}: "${name}" occurs ${sameName.length} times in ${ref.file} and the describe path "${path.join(' › ')}" cannot be checked (a describe or the name is built at run time): ambiguous, name a test whose name is unique in the file`
          : `${at(ref.line)}: no it()/test() in ${ref.file} is named "${name}" inside "${path.join(' › ')}"`);
      } else if (matches.every((t) => t.skipped)) problems.push(`${at(ref.line)}: "${name}" in ${ref.file} is skipped, so it proves nothing`);
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
