// The equipment context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
// catalogue: issuing to a loan and taking back from one, in the loan's transaction (the loans and collection parts call these).
export { issueEquipment, type IssueEquipmentOptions, type IssuedEquipment } from './issue-equipment.ts';
export { returnEquipment, type ReturnEquipmentOptions, type ReturnedEquipment, type EquipmentReturnOutcome } from './return-equipment.ts';
export type { EquipmentItem } from './item-view.ts';
export type { StockLevel } from './stock-view.ts';
// catalogue: the domain functions the demo seeder sets the catalogue, stores, stock, items and examinations up with.
export { addCatalogueItem, type AddCatalogueItemOptions } from './add-catalogue-item.ts';
export { addStore, type AddStoreOptions, type EquipmentStore } from './add-store.ts';
export { recordStockMove, type RecordStockMoveOptions } from './record-stock-move.ts';
export { addEquipmentItem, type AddEquipmentItemOptions } from './add-equipment-item.ts';
export { recordInspection, type RecordInspectionOptions, type EquipmentInspection } from './record-inspection.ts';
export type { CatalogueItemInput, StoreInput, StockMoveInput, ItemInput, InspectionInput } from './catalogue-schemas.ts';
export type { CatalogueItem } from './catalogue-view.ts';
// catalogue: reads the other parts show (a loan's item, the due list for reports), none of them patient data.
export { findCatalogueItem, listCatalogue } from './catalogue-queries.ts';
export { findItem, findItemByNumber, listItems, type ItemLine } from './item-queries.ts';
export { listInspectionsDue, type DueLine } from './inspection-queries.ts';
export { listStores, listStockOfStore } from './store-queries.ts';
export { poundsOf } from './catalogue-view.ts';
// loans: prescribing, delivery and training within an episode (the demo seeder writes its loans through these; collection and recall read loans with the grant).
export { authoriseLoanRead, authoriseLoanWrite, loanKind, mayChangeLoan, trainingKind, type LoanAccess, type LoanChange, type LoanWriteAccess } from './loan-access.ts';
export { listEpisodeLoans } from './loan-queries.ts';
export { loanStatusLabels, trainedPersonKindLabels, type LoanResponse, type TrainingResponse } from './loan-schema.ts';
export { checkPrescription, prescribeEquipment, type PrescribeEquipmentOptions, type PrescriptionInput } from './prescribe-equipment.ts';
export { deliverEquipment, type DeliverEquipmentOptions, type DeliveryInput } from './deliver-equipment.ts';
export { recordTraining, type RecordTrainingOptions, type TrainingInput } from './training-record.ts';
// recall-collection: the record's discharge page lists the equipment on loan through this port (app.ts passes it in); the demo seeder's equipment.
export { equipmentAtDischargePort } from './collection-at-discharge.ts';
// fhir (issue 18 #2): a loan's read audit, for DeviceRequest and Device (tracked items on loan) through the loan's grant.
export { auditLoanRead } from './loan-access.ts';
