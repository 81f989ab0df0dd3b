// The home page's items from safeguarding (issue 17 #2): for a safeguarding lead, each concern waiting
// for a decision against its 24-hour clock. Owned by the safeguarding part; stub until it lands.
import type { DueItemsProvider } from '../platform/due-items.ts';

export const safeguardingDueItems: DueItemsProvider = async () => [];
