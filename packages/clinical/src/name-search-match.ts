// Why a patient was found by a name search, in words the results can show. The search compares name
// keys the database makes (hw_name_key: accents folded, lower case, punctuation a space); each typed
// word must start a word of the patient's names, or sound like the family name (trigram similarity).

export type NameTermMatch =
  | { term: string; how: 'family-name' | 'family-name-start' | 'given-name' | 'given-name-start' }
  | { term: string; how: 'sounds-like-family-name' };

/** The typed words to search with, from the key of what was typed: at most 4, each once. */
export function nameSearchTerms(key: string): string[] {
  return [...new Set(key.split(' ').filter((t) => t !== ''))].slice(0, 4);
}

/** How each typed word matched the patient's names (given and family keys). */
export function explainNameMatch(terms: readonly string[], names: { givenKey: string; familyKey: string }): NameTermMatch[] {
  const family = names.familyKey.split(' ').filter(Boolean);
  const familyWords = [...family, family.join('')];
  const given = names.givenKey.split(' ').filter(Boolean);
  return terms.map((term) => {
    if (familyWords.includes(term)) return { term, how: 'family-name' };
    if (familyWords.some((w) => w.startsWith(term))) return { term, how: 'family-name-start' };
    if (given.includes(term)) return { term, how: 'given-name' };
    if (given.some((w) => w.startsWith(term))) return { term, how: 'given-name-start' };
    return { term, how: 'sounds-like-family-name' };
  });
}

export function describeNameTermMatch(m: NameTermMatch): string {
  switch (m.how) {
    case 'family-name':
      return `family name “${m.term}”`;
    case 'family-name-start':
      return `family name starts “${m.term}”`;
    case 'given-name':
      return `given name “${m.term}”`;
    case 'given-name-start':
      return `given name starts “${m.term}”`;
    case 'sounds-like-family-name':
      return `family name sounds like “${m.term}”`;
  }
}
