// Preloaded by `npm start` (node --import): Node keeps each module's compiled code, and the JavaScript it
// stripped from our TypeScript, on disk (in the system's temporary directory), so a restart does not
// compile the whole server and its dependencies again. It must run before main.ts's imports load, which
// is why it is a preload and not a line in main.ts.
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
