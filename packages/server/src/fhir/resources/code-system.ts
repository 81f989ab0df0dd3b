// CodeSystem (issue 18 #2): Homeward's own published code systems (code-systems/), which the
// Observations, Encounters, Goals and DocumentReferences use where no national code was confirmed.
// Not patient data: any member of staff may read them, nothing to audit.
import type { FhirResourceModule } from '../fhir-resource-module.ts';
import { notFound } from '../../platform/homeward-error.ts';
import { homewardCodeSystems } from '../code-systems/homeward-code-systems.ts';

export const codeSystemModule: FhirResourceModule = {
  type: 'CodeSystem',
  searchParams: [{ name: 'url', type: 'string', documentation: 'The code system’s canonical URL' }],
  async read(_db, { id }) {
    const found = homewardCodeSystems().find((c) => c.id === id);
    if (!found) throw notFound('CodeSystem');
    return found;
  },
  async search(_db, { params }) {
    const url = params.get('url');
    return homewardCodeSystems().filter((c) => url === null || c.url === url);
  },
};
