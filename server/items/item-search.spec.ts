import { describe, expect, it } from 'vitest';
import { searchPatterns } from './item-search';

describe(searchPatterns.name, () => {
  it('makes one group per term, each a substring pattern', () => {
    expect(searchPatterns('  光合作用  二氧化碳 ')).toEqual([['%光合作用%'], ['%二氧化碳%']]);
  });

  it('adds the standard form imports store, so full-width input and Latin punctuation beside Chinese match', () => {
    expect(searchPatterns('第１２题')).toEqual([['%第１２题%', '%第12题%']]);
    expect(searchPatterns('光合作用?')).toEqual([['%光合作用?%', '%光合作用？%']]);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(searchPatterns('100% a_b c\\d')).toEqual([['%100\\%%'], ['%a\\_b%'], ['%c\\\\d%']]);
  });

  it('ignores an empty entry and repeated terms, and keeps at most eight terms', () => {
    expect(searchPatterns('   ')).toEqual([]);
    expect(searchPatterns('汉朝 汉朝')).toEqual([['%汉朝%']]);
    expect(searchPatterns('a b c d e f g h i j')).toHaveLength(8);
  });
});
