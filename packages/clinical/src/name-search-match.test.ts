import { describe, expect, it } from 'vitest';
import { describeNameTermMatch, explainNameMatch, nameSearchTerms } from './name-search-match.ts';

describe('name search terms', () => {
  it('takes each typed word once, at most four', () => {
    expect(nameSearchTerms('betty  bloor betty')).toEqual(['betty', 'bloor']);
    expect(nameSearchTerms('a b c d e')).toEqual(['a', 'b', 'c', 'd']);
    expect(nameSearchTerms('')).toEqual([]);
  });
});

describe('why a patient matched', () => {
  const zoe = { givenKey: 'zoe', familyKey: 'o brien smith' };
  it.each([
    ['smith', 'family-name'],
    ['smi', 'family-name-start'],
    ['obrien', 'family-name-start'],
    ['obriensmith', 'family-name'],
    ['zoe', 'given-name'],
    ['zo', 'given-name-start'],
    ['obrian', 'sounds-like-family-name'],
  ] as const)('%s: %s', (term, how) => {
    expect(explainNameMatch([term], zoe)).toEqual([{ term, how }]);
  });

  it('matches the start of a second given name', () => {
    expect(explainNameMatch(['an'], { givenKey: 'mary ann', familyKey: 'bloor' })).toEqual([{ term: 'an', how: 'given-name-start' }]);
  });

  it('says it in words', () => {
    expect(explainNameMatch(['blo', 'betty'], { givenKey: 'betty', familyKey: 'bloor' }).map(describeNameTermMatch)).toEqual(['family name starts “blo”', 'given name “betty”']);
    expect(describeNameTermMatch({ term: 'blore', how: 'sounds-like-family-name' })).toBe('family name sounds like “blore”');
    expect(describeNameTermMatch({ term: 'bloor', how: 'family-name' })).toBe('family name “bloor”');
    expect(describeNameTermMatch({ term: 'bet', how: 'given-name-start' })).toBe('given name starts “bet”');
  });
});
