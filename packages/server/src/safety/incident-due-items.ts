// The home page's items from incidents (issue 17 #1): an outcome the reporter has not yet read, open
// incident actions the person owns, and (for a handler) the team's reports waiting for triage.
// Owned by the incidents part; stub until it lands.
import type { DueItemsProvider } from '../platform/due-items.ts';

export const incidentDueItems: DueItemsProvider = async () => [];
