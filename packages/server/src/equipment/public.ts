// The equipment context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export {};
// catalogue: issuing to a loan and taking back from one, in the loan's transaction (the loans and collection parts call these).
export { issueEquipment, type IssueEquipmentOptions, type IssuedEquipment } from './issue-equipment.ts';
export { returnEquipment, type ReturnEquipmentOptions, type ReturnedEquipment, type EquipmentReturnOutcome } from './return-equipment.ts';
export type { EquipmentItem } from './item-view.ts';
export type { StockLevel } from './stock-view.ts';
// loans: prescribing, delivery and training within an episode (the demo seeder writes its loans through these; collection and recall read loans with the grant).
export { authoriseLoanRead, authoriseLoanWrite, loanKind, mayChangeLoan, trainingKind, type LoanAccess, type LoanChange, type LoanWriteAccess } from './loan-access.ts';
export { listEpisodeLoans } from './loan-queries.ts';
export { loanStatusLabels, trainedPersonKindLabels, type LoanResponse, type TrainingResponse } from './loan-schema.ts';
export { checkPrescription, prescribeEquipment, type PrescribeEquipmentOptions, type PrescriptionInput } from './prescribe-equipment.ts';
export { deliverEquipment, type DeliverEquipmentOptions, type DeliveryInput } from './deliver-equipment.ts';
export { recordTraining, type RecordTrainingOptions, type TrainingInput } from './training-record.ts';
