// The visit map and placing a patient (issue 13), in Chromium: the server's drawing at a phone's and a
// tablet's width without sideways scrolling, axe clean; the Trust's tile server adding Leaflet over
// the same routes (tiles themselves are refused here, as every request off this host is); and a
// patient placed by keyboard from their details page.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedPublishedPlan } from '../packages/server/test/seed-published-plan.ts';
import { expectNoAxeViolations, sidewaysOverflow, homewardInBrowser } from './browser.ts';

const day = '2026-11-24';

describe('the visit map and placing a patient', () => {
  const run = homewardInBrowser();
  let unplacedId = '';

  beforeAll(async () => {
    const t = run.home;
    await t.db.updateTable('teams').set({ base_latitude: 53.0246, base_longitude: -2.1754 }).where('id', '=', t.service.teamA).execute();
    const seeded = await seedPublishedPlan(t, {
      date: day,
      patients: {
        ada: { givenName: 'Ada', familyName: 'Mapley', nhsIndex: 911, at: { latitude: 53.059, longitude: -2.211 } },
        bert: { givenName: 'Bert', familyName: 'Mapley', nhsIndex: 912, at: { latitude: 53.105, longitude: -2.023 } },
        cora: { givenName: 'Cora', familyName: 'Mapley-Fotheringham', nhsIndex: 913, at: null },
        dora: { givenName: 'Dora', familyName: 'Mapley', nhsIndex: 914, at: { latitude: 53.012, longitude: -2.227 } },
      },
      routes: [
        { staffId: t.service.a['registered-therapist'].id, stops: [['ada', '09:00', '09:45'], ['cora', '10:15', '11:00'], ['dora', '11:30', '12:15']] },
        { staffId: t.service.a['assistant-practitioner'].id, stops: [['bert', '09:30', '10:15']] },
      ],
    });
    unplacedId = seeded.cora.id;
  });

  it('shows the map and its table at 390 and 768 px without sideways scrolling, axe clean', async () => {
    const page = await run.pageFor(run.home.service.a['clinical-lead']);
    for (const width of [390, 768, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/visits/map?date=${day}`);
      await page.getByRole('img', { name: /Map of 2 routes/ }).waitFor();
      expect(await sidewaysOverflow(page), `sideways scrolling at ${width} px`).toBe(0);
      await expectNoAxeViolations(page, `/visits/map at ${width} px`);
      if (process.env.HOMEWARD_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.HOMEWARD_E2E_SCREENSHOTS}/visit-map-${width}.png`, fullPage: true });
    }
    await expect(page.getByRole('cell', { name: /Cora Mapley-Fotheringham/ })).toBeTruthy();
  });

  it('puts Leaflet over the routes when the Trust sets a tile server, keeping the drawing for print', async () => {
    run.home.app.config.mapTileUrl = 'https://tiles.example.nhs.uk/{z}/{x}/{y}.png';
    try {
      const page = await run.pageFor(run.home.service.a['clinical-lead']);
      await page.goto(`/visits/map?date=${day}`);
      const baseMap = page.getByRole('region', { name: /Base map of the routes/ });
      await baseMap.waitFor();
      expect(await page.locator('.hw-route-map__base-map path.leaflet-interactive').count()).toBeGreaterThanOrEqual(2 + 3);
      expect(await page.locator('.hw-route-map__drawing').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.hw-route-map__drawing').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 390, height: 900 });
      expect(await sidewaysOverflow(page)).toBe(0);
      await expectNoAxeViolations(page, '/visits/map with a base map');
    } finally {
      run.home.app.config.mapTileUrl = null;
    }
  });

  it('a clinician places a patient from their details, by keyboard, and the map then shows them', async () => {
    const page = await run.pageFor(run.home.service.a['registered-therapist']);
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`/patients/${unplacedId}`);
    await page.getByRole('link', { name: 'Place the patient on the map' }).click();
    await page.getByRole('heading', { name: 'Place the patient on the map' }).waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoAxeViolations(page, '/patients/:id/place');
    await page.getByLabel('Latitude').fill('53.04x');
    await page.getByLabel('Latitude').press('Enter');
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, '/patients/:id/place with errors');
    await page.getByLabel('Latitude').fill('53.04');
    await page.getByLabel('Longitude').fill('-2.19');
    await page.getByLabel('Longitude').press('Enter');
    await page.getByText('Patient placed on the map').waitFor();
    expect(await page.getByText('Placed at 53.04, -2.19').count()).toBe(1);
    await page.goto(`/visits/map?date=${day}`);
    expect(await page.locator('.hw-route-map__stop').count()).toBe(4);
  });

  it('met no script errors or missing files', () => {
    // The tile server was set after start, so this app's CSP (made at start) refuses its images too:
    // the integration test checks the CSP of an app started with it.
    expect(run.problems().filter((p) => !p.includes("Loading the image 'https://tiles.example.nhs.uk/"))).toEqual([]);
    // The tiles, refused: nothing else left this host.
    expect(run.externalRequests().every((url) => url.startsWith('https://tiles.example.nhs.uk/'))).toBe(true);
  });
});
