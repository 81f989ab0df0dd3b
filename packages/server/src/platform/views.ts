// Server-rendered pages with the NHS.UK frontend's own Nunjucks macros, as NHS services are built.
// Templates live beside the routes of their bounded context (e.g. patients/pages/patient.njk);
// the shared layout and partials live in views/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import {
  communicationNeedLabels,
  formatDisplayDate,
  formatNhsNumber,
  formatUkDateTime,
  formatUkPhone,
  homewardRoleLabels,
  professionLabels,
  riskFlagLabels,
  sexLabels,
} from '@homeward/clinical';

export const serverSourceDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const nhsukFrontendDir = join(dirname(fileURLToPath(import.meta.resolve('nhsuk-frontend/package.json'))), 'dist');

let shared: nunjucks.Environment | undefined;

/**
 * The process's one view environment. It holds no per-app state (filters only), and its templates,
 * once compiled, are cached in it: an app built after another (each integration test file boots its
 * own) renders with templates already compiled instead of compiling the NHS.UK macros again
 * (20-40 ms a template on first use).
 */
export function viewEnvironment(): nunjucks.Environment {
  shared ??= createViewEnvironment();
  return shared;
}

function createViewEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([serverSourceDir, nhsukFrontendDir], { noCache: false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('phone', (value: string) => (value ? formatUkPhone(value) : ''));
  // An NHS number is read as one thing: never let a line break split its groups. Only digits and
  // spaces reach the markup, so nothing typed can be injected through it.
  env.addFilter('nhsNumber', (value: string) =>
    value ? new nunjucks.runtime.SafeString(`<span class="hw-nowrap">${formatNhsNumber(value).replace(/[^0-9 ]/g, '')}</span>`) : '',
  );
  env.addFilter('displayDate', (value: string) => (value ? formatDisplayDate(value) : ''));
  // Times are shown as the team sees them, in UK local time with the 24-hour clock.
  env.addFilter('dateTime', (value: Date | string) => (value ? formatUkDateTime(value) : ''));
  env.addFilter('isoDateTime', (value: Date | string) => (value ? new Date(value).toISOString() : ''));
  env.addFilter('roleLabel', (value: keyof typeof homewardRoleLabels) => homewardRoleLabels[value] ?? value);
  env.addFilter('professionLabel', (value: keyof typeof professionLabels) => professionLabels[value] ?? value);
  env.addFilter('riskFlagLabel', (value: keyof typeof riskFlagLabels) => riskFlagLabels[value] ?? value);
  env.addFilter('sexLabel', (value: keyof typeof sexLabels) => sexLabels[value] ?? value);
  env.addFilter('communicationNeedLabel', (value: keyof typeof communicationNeedLabels) => communicationNeedLabels[value] ?? value);
  return env;
}
