// Staff's public face (ARCHITECTURE.md, "The public face of a context").
export { currentCompetenceIds } from './competence-queries.ts';
export { hashPassword, passwordError } from './password.ts';
