// When the embedded database's statistics are refreshed: autovacuum's own default thresholds.
import { describe, expect, it } from 'vitest';
import { tablesDue } from './pglite-statistics.ts';

const table = (over: Partial<Parameters<typeof tablesDue>[0][number]>) => ({ table: 't', modifiedSinceAnalyze: 0, deadRows: 0, rows: 1000, neverAnalysed: false, ...over });

describe('tablesDue', () => {
  it.each([
    ['quiet table', table({ modifiedSinceAnalyze: 150 }), [], []],
    ['more than 50 + 10% changed', table({ modifiedSinceAnalyze: 151 }), ['t'], []],
    ['never analysed, even with no counted change', table({ neverAnalysed: true, rows: 0 }), ['t'], []],
    ['more than 50 + 20% dead: vacuumed (which analyses too)', table({ deadRows: 251, modifiedSinceAnalyze: 900 }), [], ['t']],
    ['250 dead is not yet', table({ deadRows: 250 }), [], []],
  ])('%s', (_name, counts, analyse, vacuum) => {
    expect(tablesDue([counts])).toEqual({ analyse, vacuum });
  });
});
