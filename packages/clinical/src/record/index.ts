export * from './consent.ts';
export * from './contact-note.ts';
