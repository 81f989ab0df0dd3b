import { describe, expect, it } from 'vitest';
import { clientKey } from './client-address.ts';

describe('client key for per-client limits', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002::ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['fd00::1:2:3:4:5:6', 'fd00:0:1:2::/64'],
    ['::1:2:3:4:5:6', '0:0:1:2::/64'],
    ['::FFFF:10.20.30.40', '10.20.30.40'],
    // Forms that are not an IPv4-mapped address are counted as they came: IPv4 embedded in another
    // IPv6 prefix (NAT64), or anything that is not an address at all.
    ['64:ff9b::192.0.2.1', '64:ff9b::192.0.2.1'],
    ['x::ffff:10.20.30.40', 'x::ffff:10.20.30.40'],
    ['::ffff:10.20.30.40x', '::ffff:10.20.30.40x'],
  ])('%s is counted as %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });

  it('groups every address in one IPv6 /64 together, and keeps different /64s apart', () => {
    expect(clientKey('2001:db8:1:2::1')).toBe(clientKey('2001:db8:1:2:ffff::9'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
  });

  it('has no key without an address', () => {
    expect(clientKey(undefined)).toBeNull();
    expect(clientKey('')).toBeNull();
  });
});
