// Every FHIR error is an OperationOutcome (FHIR R4 "RESTful API", "Handling errors"): one issue per
// problem, `expression` naming the FHIRPath of the element at fault, so a sending system can say which
// element of its resource was refused. HomewardError stays the one error currency inside Homeward; this
// file only translates it at the FHIR boundary.
import type { ErrorCode, FieldError } from '../platform/homeward-error.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import type { FhirResource } from './fhir-resource-module.ts';

/** The FHIR issue-type codes Homeward uses (http://hl7.org/fhir/issue-type). */
export type FhirIssueCode = 'invalid' | 'structure' | 'required' | 'value' | 'not-found' | 'not-supported' | 'forbidden' | 'login' | 'conflict' | 'duplicate' | 'too-costly' | 'exception' | 'transient' | 'informational' | 'processing';

export type FhirIssue = { severity: 'fatal' | 'error' | 'warning' | 'information'; code: FhirIssueCode; diagnostics?: string; expression?: string[] };

export type OperationOutcome = FhirResource & { resourceType: 'OperationOutcome'; issue: FhirIssue[] };

const issueCodeOf: Record<ErrorCode, FhirIssueCode> = {
  validation_failed: 'invalid',
  invalid_json: 'structure',
  unauthenticated: 'login',
  csrf_token_invalid: 'forbidden',
  forbidden: 'forbidden',
  no_legitimate_relationship: 'forbidden',
  not_found: 'not-found',
  version_conflict: 'conflict',
  duplicate: 'duplicate',
  planner_busy: 'conflict',
  payload_too_large: 'too-costly',
  unsupported_media_type: 'not-supported',
  idempotency_key_reused: 'conflict',
  too_many_attempts: 'transient',
  internal_error: 'exception',
  database_unavailable: 'transient',
  lookup_unavailable: 'transient',
};

export function operationOutcome(issues: FhirIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

/** The OperationOutcome for a Homeward error: one issue per field at fault (its path as the expression), else one for the error. */
export function outcomeOfError(error: HomewardError): OperationOutcome {
  const code = issueCodeOf[error.code] ?? 'processing';
  const severity = error.statusCode >= 500 ? 'fatal' : 'error';
  if (error.fields.length === 0) return operationOutcome([{ severity, code, diagnostics: error.message }]);
  return operationOutcome(error.fields.map((f) => ({ severity, code, diagnostics: f.message, expression: [f.path] })));
}

/** A 400 naming each element at fault by its FHIRPath (`ServiceRequest.subject`, `Bundle.entry[1].resource.birthDate`). */
export function invalidResource(fields: FieldError[], message = 'The resource is not valid. Nothing was saved.'): HomewardError {
  return new HomewardError('validation_failed', fields.length === 1 && fields[0] ? fields[0].message : message, { fields });
}

/** A 404 for a type Homeward does not serve, or a resource the caller may not know exists. */
export function resourceNotFound(type: string, id?: string): HomewardError {
  return new HomewardError('not_found', id === undefined ? `Homeward does not serve the resource type ${type}` : `${type}/${id} is not known`);
}
