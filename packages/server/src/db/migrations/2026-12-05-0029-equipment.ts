// FROZEN once landed. Equipment on loan (issue 15): a catalogue, stores with stock levels for simple
// items and individually tracked items (serial and asset numbers, LOLER examinations and services),
// loans prescribed within an episode (delivered, fitted, taught, and at discharge kept, collected or
// transferred), recalls worked to the end. Later parts of issue 15 add their own migrations (0030-0034).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What the service lends. stock_kind: 'stock' (counted per store: a perching stool) or 'tracked'
    -- (each one has a serial number: a hoist). loler: lifting equipment, thoroughly examined every
    -- inspection_interval_months (6); other items may need servicing at their own interval. needs_risk_assessment:
    -- bed rails (a recorded risk assessment before issue). prescriber: who may prescribe it
    -- (packages/clinical equipment/equipment-prescribing.ts): 'assistant' (standard items) or
    -- 'registered' (hoists, beds and rails). Items are withdrawn from the catalogue, never deleted.
    create table equipment_catalogue_items (
      id uuid primary key,
      code text not null unique check (length(trim(code)) > 0),
      name text not null check (length(trim(name)) > 0),
      category text not null check (category in ('bathing', 'toileting', 'transfers', 'beds-and-rails', 'mobility', 'seating', 'kitchen', 'minor-adaptations')),
      make text not null default '',
      model text not null default '',
      stock_kind text not null check (stock_kind in ('stock', 'tracked')),
      loler boolean not null default false,
      inspection_interval_months smallint check (inspection_interval_months between 1 and 60),
      needs_risk_assessment boolean not null default false,
      prescriber text not null check (prescriber in ('assistant', 'registered')),
      unit_cost_pence integer not null check (unit_cost_pence >= 0),
      instructions text not null default '',
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      -- Lifting equipment is examined on an interval; only tracked items can be.
      check (not loler or inspection_interval_months is not null),
      check (inspection_interval_months is null or stock_kind = 'tracked')
    );
    create index equipment_catalogue_items_model_idx on equipment_catalogue_items (lower(make), lower(model));
    select guard_records('equipment_catalogue_items', 'never-deleted');

    -- A base the equipment is kept at (a team's store, the community equipment service's depot).
    create table equipment_stores (
      id uuid primary key,
      name text not null unique check (length(trim(name)) > 0),
      team_id uuid references teams (id),
      address text not null default '',
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    select guard_records('equipment_stores', 'never-deleted');

    -- How many of a simple ('stock') item a store holds now. Versioned: two people issuing the last one
    -- get one success and one refusal. Never negative.
    create table equipment_stock_levels (
      store_id uuid not null references equipment_stores (id),
      catalogue_item_id uuid not null references equipment_catalogue_items (id),
      quantity integer not null check (quantity >= 0),
      reorder_level integer not null default 0 check (reorder_level >= 0),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      primary key (store_id, catalogue_item_id)
    );
    select guard_records('equipment_stock_levels', 'never-deleted');

    -- Every change to a stock level, as a ledger that is never changed: the level is its sum.
    create table equipment_stock_moves (
      id uuid primary key,
      store_id uuid not null references equipment_stores (id),
      catalogue_item_id uuid not null references equipment_catalogue_items (id),
      change integer not null check (change <> 0),
      reason text not null check (reason in ('received', 'issued', 'returned', 'adjusted', 'written-off', 'transferred')),
      loan_id uuid,
      note text,
      at timestamptz not null,
      by_staff_id uuid not null references staff (id)
    );
    create index equipment_stock_moves_level_idx on equipment_stock_moves (store_id, catalogue_item_id, at);
    select guard_records('equipment_stock_moves', 'append-only');

    -- One individually tracked item. status: where it is. next_inspection_due: from the last
    -- examination or service (or first use); null when the item needs none.
    create table equipment_items (
      id uuid primary key,
      catalogue_item_id uuid not null references equipment_catalogue_items (id),
      serial_number text not null check (length(trim(serial_number)) > 0),
      asset_number text check (asset_number is null or length(trim(asset_number)) > 0),
      batch text,
      store_id uuid not null references equipment_stores (id),
      condition text not null default 'good' check (condition in ('new', 'good', 'fair', 'poor', 'condemned')),
      status text not null default 'in-store' check (status in ('in-store', 'on-loan', 'in-repair', 'withdrawn', 'missing', 'written-off')),
      last_inspected_on date,
      next_inspection_due date,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    -- A serial number is typed once: the same one twice (any case, any spacing) is refused.
    create unique index equipment_items_serial_idx on equipment_items (upper(regexp_replace(serial_number, '\\s', '', 'g')));
    create unique index equipment_items_asset_idx on equipment_items (upper(regexp_replace(asset_number, '\\s', '', 'g'))) where asset_number is not null;
    create index equipment_items_model_batch_idx on equipment_items (catalogue_item_id, batch);
    create index equipment_items_due_idx on equipment_items (next_inspection_due) where next_inspection_due is not null and status not in ('withdrawn', 'written-off');
    select guard_records('equipment_items', 'never-deleted');

    -- A prescription and the loan that follows it, within an episode. status:
    --   'prescribed' (requested, not yet with the patient), 'delivered' (with the patient: on loan),
    --   'to-collect' (decided at discharge or after: to come back), 'returned', 'missing', 'written-off',
    --   'stays-with-patient', 'transferred' (to social care), 'cancelled' (before delivery, with a reason).
    -- A tracked loan names its item (item_id) once delivered; a stock loan counts quantity.
    create table equipment_loans (
      id uuid primary key,
      patient_id uuid not null references patients (id),
      episode_id uuid not null references episodes (id),
      team_id uuid not null references teams (id),
      catalogue_item_id uuid not null references equipment_catalogue_items (id),
      item_id uuid references equipment_items (id),
      store_id uuid references equipment_stores (id),
      quantity integer not null default 1 check (quantity between 1 and 20),
      reason text not null check (length(trim(reason)) > 0),
      -- The assessment it rests on: a scored assessment in the record, or words (a home assessment).
      assessment_id uuid references assessments (id),
      assessment_note text,
      -- Bed rails: the risk assessment recorded before issue (the entrapment gaps, who it protects).
      risk_assessment text,
      risk_assessed_at timestamptz,
      risk_assessed_by uuid references staff (id),
      status text not null default 'prescribed' check (status in ('prescribed', 'delivered', 'to-collect', 'returned', 'missing', 'written-off', 'stays-with-patient', 'transferred', 'cancelled')),
      prescribed_at timestamptz not null,
      prescribed_by uuid not null references staff (id),
      delivered_at timestamptz,
      delivered_by uuid references staff (id),
      delivered_where text,
      fitted boolean,
      discharge_decision text check (discharge_decision in ('stays-with-patient', 'collect', 'transferred')),
      discharge_decided_at timestamptz,
      discharge_decided_by uuid references staff (id),
      collection_visit_id uuid references visits (id),
      ended_at timestamptz,
      ended_by uuid references staff (id),
      end_note text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check ((delivered_at is null) = (delivered_by is null)),
      check (status in ('prescribed', 'cancelled') or delivered_at is not null or status in ('missing', 'written-off')),
      check (status <> 'cancelled' or length(trim(coalesce(end_note, ''))) > 0),
      check (risk_assessment is null or length(trim(risk_assessment)) > 0)
    );
    -- One tracked item is with one patient at a time: issuing it again while on loan is refused.
    create unique index equipment_loans_item_on_loan_idx on equipment_loans (item_id) where item_id is not null and status in ('prescribed', 'delivered', 'to-collect');
    create index equipment_loans_episode_idx on equipment_loans (episode_id);
    create index equipment_loans_patient_idx on equipment_loans (patient_id);
    create index equipment_loans_catalogue_status_idx on equipment_loans (catalogue_item_id, status);
    create index equipment_loans_collection_visit_idx on equipment_loans (collection_visit_id) where collection_visit_id is not null;
    select guard_records('equipment_loans', 'never-deleted');

    -- Training in safe use: one row per person taught, never changed (a correction is a new row).
    create table equipment_training (
      id uuid primary key,
      loan_id uuid not null references equipment_loans (id),
      patient_id uuid not null references patients (id),
      person_kind text not null check (person_kind in ('patient', 'carer', 'agency-staff', 'own-staff')),
      person_name text not null check (length(trim(person_name)) > 0),
      what_taught text not null check (length(trim(what_taught)) > 0),
      understood text not null check (understood in ('yes', 'partly', 'no')),
      understanding_note text,
      taught_at timestamptz not null,
      taught_by uuid not null references staff (id),
      created_at timestamptz not null,
      created_by uuid not null references staff (id)
    );
    create index equipment_training_loan_idx on equipment_training (loan_id);
    select guard_records('equipment_training', 'append-only');

    -- A LOLER thorough examination or a service of one tracked item, never changed. inspected_on is
    -- never in the future. next_due: what the result sets on the item (null when withdrawn or failed).
    create table equipment_inspections (
      id uuid primary key,
      item_id uuid not null references equipment_items (id),
      kind text not null check (kind in ('loler', 'service')),
      inspected_on date not null,
      result text not null check (result in ('pass', 'fail', 'withdrawn')),
      note text,
      next_due date,
      created_at timestamptz not null,
      created_by uuid not null references staff (id)
    );
    create index equipment_inspections_item_idx on equipment_inspections (item_id, inspected_on);
    select guard_records('equipment_inspections', 'append-only');

    -- A recall or safety alert on a model (and, where given, one batch): every loan it touches gets an
    -- action that is worked to the end. status: 'open' until every action is closed, then 'closed'.
    create table equipment_recalls (
      id uuid primary key,
      catalogue_item_id uuid not null references equipment_catalogue_items (id),
      batch text,
      reference text not null default '',
      reason text not null check (length(trim(reason)) > 0),
      status text not null default 'open' check (status in ('open', 'closed')),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    select guard_records('equipment_recalls', 'never-deleted');

    -- One loan under one recall. status: 'to-contact', 'contacted', 'inspected', 'collected', 'closed'
    -- (with outcome).
    create table equipment_recall_actions (
      id uuid primary key,
      recall_id uuid not null references equipment_recalls (id),
      loan_id uuid not null references equipment_loans (id),
      patient_id uuid not null references patients (id),
      status text not null default 'to-contact' check (status in ('to-contact', 'contacted', 'inspected', 'collected', 'closed')),
      outcome text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      unique (recall_id, loan_id),
      check (status <> 'closed' or length(trim(coalesce(outcome, ''))) > 0)
    );
    create index equipment_recall_actions_patient_idx on equipment_recall_actions (patient_id);
    select guard_records('equipment_recall_actions', 'never-deleted');
  `.execute(db);
}
