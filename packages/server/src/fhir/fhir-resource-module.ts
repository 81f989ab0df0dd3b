// One FHIR resource type as Homeward serves it: how to read one and search many, for an actor, through
// the same access decisions and audit as the pages. Each type is one file in resources/ and one line in
// resource-registry.ts; the routes, the CapabilityStatement and Patient/$everything are built from the
// registry, so a new type is added in one place.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';

/** A FHIR resource as JSON (validated in the tests by two independent validators). */
export type FhirResource = { resourceType: string; id?: string; meta?: { versionId?: string; lastUpdated?: string; profile?: string[] }; [key: string]: unknown };

export type FhirSearchParameter = { name: string; type: 'token' | 'reference' | 'date' | 'string' | 'number'; documentation: string };

export type FhirResourceModule = {
  type: string;
  /** The profile claimed in meta.profile and the CapabilityStatement (UK Core where one exists). */
  profile?: string;
  searchParams: FhirSearchParameter[];
  /** One resource by its id: 404 (not found) when there is none or the actor may not know it exists. */
  read(db: Kysely<Database>, o: { actor: Actor; id: string }): Promise<FhirResource>;
  /** Matching resources the actor may see (each patient's read audited, as the pages do). */
  search(db: Kysely<Database>, o: { actor: Actor; params: URLSearchParams }): Promise<FhirResource[]>;
  /** This type's resources in one patient's record, for Patient/$everything (the grant already checked). */
  everything?(db: Kysely<Database>, o: { actor: Actor; patientId: string }): Promise<FhirResource[]>;
  /**
   * Accept a resource sent in (POST /<type>, or the one entry of its type in a transaction Bundle, given
   * as `bundle` with the entry's index). `created` false when it was recognised as one already received
   * (200 with the existing one, nothing written twice). `entryResponses`, for a transaction, one per
   * entry of the bundle. Bad resources throw a 400 whose field paths are FHIRPath expressions.
   */
  create?(db: Kysely<Database>, o: FhirCreateOptions): Promise<FhirCreateResult>;
};

export type FhirCreateOptions = { actor: Actor; resource: FhirResource; bundle?: { resource: FhirResource; entryIndex: number } };
export type FhirCreateResult = { resource: FhirResource; created: boolean; entryResponses?: { status: string; location?: string }[] };
