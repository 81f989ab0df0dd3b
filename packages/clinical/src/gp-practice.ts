// A patient's GP practice: its ODS code (the Organisation Data Service's identifier, which is how the
// GP copy of a discharge letter is addressed and routed) and its name, which the letter prints.
// An English or Welsh GP practice's code is one letter and five digits (M83001, W95010).

const odsPracticeCodePattern = /^[A-Z][0-9]{5}$/;

export type GpPracticeProblem = { path: 'gpPracticeCode' | 'gpPracticeName'; message: string };

/** Upper case without spaces ("m83 001" -> "M83001"); '' for nothing typed. */
export function normaliseOdsPracticeCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isOdsPracticeCode(input: string): boolean {
  return odsPracticeCodePattern.test(normaliseOdsPracticeCode(input));
}

export const odsPracticeCodeMessage = 'The GP practice’s ODS code must be a letter and 5 numbers, like M83001';

/**
 * Both or neither: a name alone cannot be routed and a code alone cannot be read by whoever opens the
 * letter, so either half alone is asked for again rather than found missing when the GP copy is due.
 */
export function gpPracticeProblems(o: { code: string | null; name: string | null }): GpPracticeProblem[] {
  const code = o.code ? normaliseOdsPracticeCode(o.code) : '';
  const name = (o.name ?? '').trim();
  const problems: GpPracticeProblem[] = [];
  if (code && !odsPracticeCodePattern.test(code)) problems.push({ path: 'gpPracticeCode', message: odsPracticeCodeMessage });
  if (name && !code) problems.push({ path: 'gpPracticeCode', message: 'Enter the GP practice’s ODS code as well as its name, like M83001' });
  if (code && !name) problems.push({ path: 'gpPracticeName', message: 'Enter the GP practice’s name as well as its ODS code' });
  return problems;
}

/** Whether the GP copy of a discharge letter can be addressed. */
export function hasGpPractice(p: { gpPracticeCode: string | null; gpPracticeName: string | null }): boolean {
  return Boolean(p.gpPracticeCode || p.gpPracticeName);
}
