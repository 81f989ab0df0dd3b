import { describe, expect, it } from 'vitest';
import { labelBarcodeSvg, labelNumber } from './label-barcode.ts';

describe('an item’s label', () => {
  it('carries the asset number when there is one, else the serial number', () => {
    expect(labelNumber({ serialNumber: 'MM 4411-27', assetNumber: 'NB-0007' })).toBe('NB-0007');
    expect(labelNumber({ serialNumber: 'MM 4411-27', assetNumber: null })).toBe('MM 4411-27');
  });

  it('draws bars only, hidden from screen readers (the page says the number), scaling to its box', () => {
    const svg = labelBarcodeSvg('<b>NB-0007</b>');
    expect(svg).toMatch(/^<svg width="100%" focusable="false" aria-hidden="true" viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('NB-0007');
    expect(svg).not.toMatch(/<text/);
  });
});
