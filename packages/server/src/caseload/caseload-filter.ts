// The caseload filters, shared by the pages' filter form and the API's query parameters.
import { priorities, services, type Priority, type Service } from '@homeward/clinical';
import type { CaseloadFilter } from './caseload-queries.ts';

export type CaseloadFilterQuery = {
  service?: string;
  pathway?: string;
  priority?: string;
  breached?: string;
  unallocated?: string;
  reviewsDue?: string;
};

const yes = (value: string | undefined) => value === '1' || value === 'true' || value === 'yes';

/** Unknown values are ignored rather than refused: a filter form should never dead-end. */
export function parseCaseloadFilter(q: CaseloadFilterQuery): CaseloadFilter {
  const filter: CaseloadFilter = {};
  const service = services.find((s) => s === q.service);
  const pathway = ['0', '1', '2', '3'].includes(q.pathway ?? '') ? (`d2a-pathway-${q.pathway}` as Service) : undefined;
  if (service && pathway) filter.services = service === pathway ? [service] : [];
  else if (service || pathway) filter.services = [(service ?? pathway)!];
  const priority = priorities.find((p) => p === q.priority);
  if (priority) filter.priority = priority as Priority;
  if (yes(q.breached)) filter.breached = true;
  if (yes(q.unallocated)) filter.unallocated = true;
  if (yes(q.reviewsDue)) filter.reviewsDue = true;
  return filter;
}

/** The filters as they were asked for, for the audit and for putting back into the form. */
export function filterValues(q: CaseloadFilterQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['service', 'pathway', 'priority', 'breached', 'unallocated', 'reviewsDue'] as const) {
    const v = q[key];
    if (typeof v === 'string' && v !== '') out[key] = v;
  }
  return out;
}
