import { describe, expect, it } from 'vitest';
import { buildCpdChart } from './cpd-chart.ts';

describe('the team’s CPD hours as a chart', () => {
  it('draws a bar per person in proportion, with the hours in words and a summary that names who has none', () => {
    const chart = buildCpdChart([
      { name: 'Ann Ames', hours: 40 },
      { name: 'Bob Bell', hours: 10 },
      { name: 'Cat Cole', hours: 0 },
    ]);
    expect(chart.bars.map((b) => b.hoursText)).toEqual(['40 hours', '10 hours', '0 hours']);
    expect(chart.bars[0]!.width).toBeCloseTo(chart.bars[1]!.width * 4, 5);
    expect(chart.bars[2]!.width).toBe(0);
    expect(chart.label).toBe('CPD hours in the last two years, by person: most Ann Ames with 40 hours; none logged by Cat Cole. The table gives every figure.');
    expect(chart.ticks[0]).toEqual({ x: chart.left, label: '0' });
  });
  it('says so when there is nobody', () => {
    expect(buildCpdChart([]).label).toBe('No clinical staff in the team');
  });
});
