// Turning the clinical rules' problems into the one refusal the pages and the API both give (a 400
// naming each field), so both say the same words.
import type { SafeguardingProblem } from '@homeward/clinical';
import { validationFailed } from '../platform/homeward-error.ts';

export function throwIfProblems(problems: readonly SafeguardingProblem[]): void {
  if (problems.length) throw validationFailed([...problems]);
}
