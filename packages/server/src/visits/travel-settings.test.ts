// The map's and travel's settings, as a Trust would write them in the environment.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';

describe('the map and travel settings', () => {
  it('are all off by default: the drawing alone, the road model, no postcode look-up', () => {
    const config = loadConfig({});
    expect([config.mapTileUrl, config.osrmUrl, config.postcodesUrl]).toEqual([null, null, null]);
    expect([config.osrmTimeoutMs, config.osrmMaxTableSize, config.postcodesTimeoutMs]).toEqual([10_000, 100, 3000]);
  });

  it('take a tile template with its placeholders, and services by their root', () => {
    const config = loadConfig({
      HOMEWARD_MAP_TILE_URL: 'https://{s}.tiles.example.nhs.uk/{z}/{x}/{y}{r}.png',
      HOMEWARD_MAP_TILE_ATTRIBUTION: '© Example',
      HOMEWARD_OSRM_URL: 'http://osrm.trust.internal:5000/',
      HOMEWARD_OSRM_TIMEOUT_MS: '2500',
      HOMEWARD_POSTCODES_URL: ' https://api.postcodes.io ',
    });
    expect(config.mapTileUrl).toBe('https://{s}.tiles.example.nhs.uk/{z}/{x}/{y}{r}.png');
    expect(config.mapTileAttribution).toBe('© Example');
    expect(config.osrmUrl).toBe('http://osrm.trust.internal:5000');
    expect(config.osrmTimeoutMs).toBe(2500);
    expect(config.postcodesUrl).toBe('https://api.postcodes.io');
  });

  it.each([
    ['HOMEWARD_MAP_TILE_URL', 'tiles/{z}/{x}/{y}.png'],
    ['HOMEWARD_OSRM_URL', 'ftp://osrm.example'],
    ['HOMEWARD_POSTCODES_URL', 'javascript:alert(1)'],
  ])('refuse %s=%s at start, naming the setting', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(`${name} must be an http or https address`);
  });
});
