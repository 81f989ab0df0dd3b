// The visits context's public face (ARCHITECTURE.md, "The public face of a context").
// The record's new contact note, started from a visit on a run sheet (wired by app.ts into the record's
// plugin as its contactNoteFromVisit port).
export { linkNoteToVisit, prefillNoteFromVisit } from './run-sheet-note-link.ts';
