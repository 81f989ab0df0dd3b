// The home page's items from the risk register (issue 17 #3): reviews due on risks the person owns, and
// open risk actions they own. Owned by the risk part; stub until it lands.
import type { DueItemsProvider } from '../platform/due-items.ts';

export const riskDueItems: DueItemsProvider = async () => [];
