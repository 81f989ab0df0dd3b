// Who sits in an MDT meeting and owns its actions: the roles that see the whole team's caseload (an
// action about a patient is named on its owner's home page, so its owner must be able to see them).
import { teamWideAccessRoles } from '@homeward/clinical';

export const mdtOwnerRoles = teamWideAccessRoles;
