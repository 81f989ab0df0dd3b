// The equipment context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export {};
// catalogue: issuing to a loan and taking back from one, in the loan's transaction (the loans and collection parts call these).
export { issueEquipment, type IssueEquipmentOptions, type IssuedEquipment } from './issue-equipment.ts';
export { returnEquipment, type ReturnEquipmentOptions, type ReturnedEquipment, type EquipmentReturnOutcome } from './return-equipment.ts';
export type { EquipmentItem } from './item-view.ts';
export type { StockLevel } from './stock-view.ts';
// recall-collection: the record's discharge page lists the equipment on loan through this port (app.ts passes it in); the demo seeder's equipment.
export { equipmentAtDischargePort } from './collection-at-discharge.ts';
