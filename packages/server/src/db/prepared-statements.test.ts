import { describe, expect, it } from 'vitest';
import { isStaleResultType, isUnusableStatement, StatementNames } from './prepared-statements.ts';

describe('StatementNames: which texts one connection prepares', () => {
  it('names a text the second time it is seen, and keeps that name', () => {
    const names = new StatementNames(10);
    expect(names.nameFor('a')).toBeNull();
    const name = names.nameFor('a');
    expect(name).toMatch(/^homeward_\d+$/);
    expect(names.nameFor('a')).toBe(name);
    expect(names.nameFor('b')).toBeNull();
    expect(names.nameFor('b')).not.toBe(name);
    expect(names.size).toBe(2);
  });

  it('remembers a text seen once while others come and go, so the page that sends it again gets it planned', () => {
    const names = new StatementNames(10);
    expect(names.nameFor('a')).toBeNull();
    expect(names.nameFor('b')).toBeNull();
    expect(names.nameFor('c')).toBeNull();
    expect(names.nameFor('a')).not.toBeNull();
  });

  it('never names an insert with ON CONFLICT (its arbiter index is proved at planning, from values a generic plan cannot see)', () => {
    const names = new StatementNames(10);
    for (const text of ['insert into t (a) values ($1) on conflict (a) where b = $2 do nothing', 'INSERT INTO t VALUES ($1) ON  CONFLICT DO NOTHING']) {
      for (let i = 0; i < 3; i++) expect(names.nameFor(text)).toBeNull();
    }
    expect(names.size).toBe(0);
  });

  it('names no more than its limit; beyond it, texts run unnamed', () => {
    const names = new StatementNames(2);
    for (const text of ['a', 'a', 'b', 'b']) names.nameFor(text);
    expect(names.nameFor('c')).toBeNull();
    expect(names.nameFor('c')).toBeNull();
    expect(names.size).toBe(2);
    expect(names.nameFor('a')).not.toBeNull();
  });

  it('gives a stale text a new name, never one used before, and renews only what it named', () => {
    const names = new StatementNames(5);
    names.nameFor('a');
    const old = names.nameFor('a')!;
    const fresh = names.renew('a');
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(old);
    expect(names.nameFor('a')).toBe(fresh);
    expect(names.renew('never named')).toBeNull();
  });

  it('forgets texts seen once when too many pile up, so one-off texts do not grow without end', () => {
    const names = new StatementNames(1);
    names.nameFor('x');
    for (let i = 0; i < 10; i++) names.nameFor(`one-off ${i}`);
    // 'x' was forgotten with the rest: seen again, it is as if for the first time.
    expect(names.nameFor('x')).toBeNull();
    expect(names.nameFor('x')).not.toBeNull();
  });
});

describe('isStaleResultType', () => {
  it("is PostgreSQL's refusal of a prepared statement whose columns changed, and nothing else", () => {
    expect(isStaleResultType({ code: '0A000', message: 'cached plan must not change result type' })).toBe(true);
    expect(isStaleResultType({ code: '0A000', message: 'something else not supported' })).toBe(false);
    expect(isStaleResultType({ code: '42P01', message: 'cached plan must not change result type' })).toBe(false);
    expect(isStaleResultType(null)).toBe(false);
    expect(isStaleResultType({ code: '0A000' })).toBe(false);
    expect(isStaleResultType(new Error('cached plan must not change result type'))).toBe(false);
  });
});

describe('isUnusableStatement', () => {
  it('is a stale statement or one the session no longer holds (26000), and not any other error', () => {
    expect(isUnusableStatement({ code: '0A000', message: 'cached plan must not change result type' })).toBe(true);
    expect(isUnusableStatement({ code: '26000', message: 'prepared statement "homeward_3" does not exist' })).toBe(true);
    expect(isUnusableStatement({ code: '23505', message: 'duplicate key value violates unique constraint' })).toBe(false);
    expect(isUnusableStatement(null)).toBe(false);
  });
});
