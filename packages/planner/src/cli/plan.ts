/* eslint-disable no-restricted-imports -- the CLI is the planner's only I/O */
// npm run plan -- <problem.json> [--seconds N] [--seed S]
// npm run plan -- --solomon <file.txt> [--seconds N] [--seed S]
// Prints the plan as JSON; exits 2 with the field errors if the problem is invalid.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkSolution } from '../check-solution.ts';
import { parseProblem } from '../parse-problem.ts';
import { planVisits } from '../plan-visits.ts';
import { readSolomon } from '../read-solomon.ts';

const usage = 'Usage: npm run plan -- <problem.json> [--seconds N] [--seed S] [--iterations N]\n       npm run plan -- --solomon <file.txt> [--seconds N] [--seed S]';

function main(): number {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: {
        solomon: { type: 'string' },
        seconds: { type: 'string' },
        seed: { type: 'string', default: '1' },
        iterations: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
  const seed = Number(values.seed);
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  if ((seconds !== undefined && !(seconds > 0)) || !Number.isInteger(seed) || (iterations !== undefined && !(Number.isInteger(iterations) && iterations > 0))) {
    console.error(`--seconds must be positive, --seed and --iterations whole numbers\n${usage}`);
    return 2;
  }
  const path = values.solomon ?? positionals[0];
  if (path === undefined) {
    console.error(usage);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as Error).message}`);
    return 2;
  }
  let input: unknown;
  try {
    input = values.solomon !== undefined ? readSolomon(text) : JSON.parse(text);
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as Error).message}`);
    return 2;
  }
  const parsed = parseProblem(input);
  if (!parsed.ok) {
    console.error(JSON.stringify({ errors: parsed.errors }, null, 2));
    return 2;
  }
  const options: Parameters<typeof planVisits>[1] = { seed };
  if (seconds !== undefined) options.timeLimitSeconds = seconds;
  if (iterations !== undefined) options.iterationLimit = iterations;
  const result = planVisits(parsed.problem, options);
  const check = checkSolution(parsed.problem, result);
  console.log(JSON.stringify(result, null, 2));
  if (!check.ok) {
    console.error(`the plan failed the independent check:\n${check.violations.join('\n')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
