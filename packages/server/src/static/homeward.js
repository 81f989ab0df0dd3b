// Progressive enhancement only: the NHS.UK components' own behaviour (error summary focus, skip
// link, conditional reveals). Every page works without it.
import { initAll } from '/assets/nhsuk-frontend.min.js';

initAll();
