// The words an episode's pages show for its coded values: the caseload list and the episode's own page.
import {
  allocationChangeReasonLabels,
  dischargeDestinationLabels,
  dischargeOutcomeLabels,
  episodeStatusLabels,
  onHoldReasonLabels,
  priorityLabels,
  serviceLabels,
  skillLabels,
} from '@homeward/clinical';

export const episodeLabels = {
  services: serviceLabels,
  priorities: priorityLabels,
  statuses: episodeStatusLabels,
  skills: skillLabels,
  allocationReasons: allocationChangeReasonLabels,
  holdReasons: onHoldReasonLabels,
  outcomes: dischargeOutcomeLabels,
  destinations: dischargeDestinationLabels,
};
