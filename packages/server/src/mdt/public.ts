// The mdt context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
// mdt (issue 16 #6): the home page's MDT actions, and the domain functions the demo seeder writes through.
export { mdtDueItems } from './mdt-due-items.ts';
export { addAttendee } from './add-attendee.ts';
export { addMdtAction } from './add-mdt-action.ts';
export { buildAgenda } from './build-agenda.ts';
export { changeMeetingStatus } from './change-meeting-status.ts';
export { closeMdtAction } from './close-mdt-action.ts';
export { flagEpisodeForMdt } from './flag-episode-for-mdt.ts';
export { authoriseMdtPatientWrite, authoriseMdtTeam, authoriseMeeting } from './mdt-access.ts';
export { findAgendaItem, listActions, listAgenda } from './mdt-queries.ts';
export { recordDiscussion } from './record-discussion.ts';
export { scheduleMeeting } from './schedule-meeting.ts';
