// Who may own a risk: the people who can act on it across the team (issue 17 #3).
import type { HomewardRole } from '@homeward/clinical';

export const riskOwnerRoles: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];
