// Which client a request came from, for per-client limits (sign-in). request.ip already honours the
// configured proxy (HOMEWARD_TRUST_PROXY), and only that proxy: otherwise X-Forwarded-For is ignored,
// so a client cannot pick a new identity per request. IPv6 clients are grouped by /64, since one
// household or device is routinely given a whole /64 to hop around in.
import { isIPv4, isIPv6 } from 'node:net';

function expandIPv6(ip: string): string[] | null {
  const [head, tail, extra] = ip.split('::');
  if (extra !== undefined) return null;
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined && missing !== 0) return null;
  return [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailGroups];
}

export function clientKey(ip: string | undefined | null): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (isIPv6(ip) && !ip.includes('.')) {
    const groups = expandIPv6(ip.split('%')[0]!);
    if (groups) return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
  }
  return ip;
}
