// Placing a patient on the map (issue 13): the page a clinician reaches from the patient's details,
// and its JSON twin. Latitude and longitude typed in, or the postcode district's centre as a start
// where the Trust configures a postcodes.io-compatible service; saved version-checked and audited
// like the patient's other details.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ageOn, postcodeDistrict } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { version } from '../platform/number-schemas.ts';
import { errorResponse } from '../platform/openapi.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther, requireClinician } from '../platform/request-context.ts';
import { authorisePatientAccess, type WriteGrant } from '../access/public.ts';
import { checkPatientLocation, type PatientLocation } from './check-patient-location.ts';
import { findPostcodeDistrictCentre } from './find-postcode-district-centre.ts';
import { placePatient, type PlacementSource } from './place-patient.ts';
import { findPatient } from './patient-queries.ts';
import { patientResponse, type PatientResponse } from './patient-schema.ts';
import { readPatient } from './read-patient.ts';

const idParams = z.object({ id: z.uuid('Patient id must be a UUID') });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });

const placeBody = z
  .strictObject({
    version,
    latitude: z.number().optional(),
    longitude: z.number().optional(),
    /** Instead of latitude and longitude: the centre of the patient's postcode district. */
    from: z.literal('postcode-district').optional(),
  })
  .refine((b) => (b.from === undefined) === (b.latitude !== undefined && b.longitude !== undefined) && (b.from === undefined || (b.latitude === undefined && b.longitude === undefined)), {
    message: 'Send latitude and longitude, or from: "postcode-district", not both',
    path: ['from'],
  });

type PlaceFormValues = { latitude: string; longitude: string; districtLatitude?: string; districtLongitude?: string };

export async function patientPlacementRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => app.config.now().toISOString().slice(0, 10);

  const districtOffered = (patient: PatientResponse) => (app.config.postcodesUrl ? postcodeDistrict(patient.postcode) : null);

  const lookUpDistrict = (patient: PatientResponse) =>
    findPostcodeDistrictCentre({ baseUrl: app.config.postcodesUrl!, postcode: patient.postcode, timeoutMs: app.config.postcodesTimeoutMs });

  function renderForm(
    reply: FastifyReply,
    o: { patient: PatientResponse; grant: WriteGrant; version: number; values: PlaceFormValues; status?: number; fields?: FieldError[]; filledFrom?: string | null },
  ) {
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('patients/pages/place.njk', {
      title: o.patient.latitude === null ? 'Place the patient on the map' : 'Change where the patient is on the map',
      section: 'patients',
      patient: { ...o.patient, age: ageOn(o.patient.dateOfBirth, today()) },
      breakGlass: o.grant.breakGlass,
      version: o.version,
      values: o.values,
      district: districtOffered(o.patient),
      filledFrom: o.filledFrom ?? null,
      errors: errorList(fields, { version: 'latitude', form: 'latitude', postcode: 'use-district' }),
      fieldErrors: errorsByField(fields),
      backHref: `/patients/${o.patient.id}`,
    });
  }

  const valuesOf = (p: { latitude: number | null; longitude: number | null }): PlaceFormValues => ({
    latitude: p.latitude === null ? '' : String(p.latitude),
    longitude: p.longitude === null ? '' : String(p.longitude),
  });

  typed.get('/patients/:id/place', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    await requireClinician(request);
    const grant = await authorisePatientAccess(app.db, { actor: actorOf(request), patientId: request.params.id, action: 'write' });
    const patient = await readPatient(app.db, { grant, detail: { purpose: 'place on the map' } });
    return renderForm(reply, { patient, grant, version: patient.version, values: valuesOf(patient) });
  });

  typed.post('/patients/:id/place', { schema: { hide: true, params: idParams, body: formBody } }, async (request, reply) => {
    await requireClinician(request);
    const existing = await findPatient(app.db, request.params.id);
    if (!existing) throw notFound('Patient');
    const grant = await authorisePatientAccess(app.db, { actor: actorOf(request), patientId: existing.id, action: 'write' });
    const body = request.body;
    const shownVersion = formVersion(body.version);
    const values: PlaceFormValues = {
      latitude: formField(body.latitude),
      longitude: formField(body.longitude),
      districtLatitude: formField(body.districtLatitude),
      districtLongitude: formField(body.districtLongitude),
    };

    if (formField(body.action) === 'postcode-district') {
      // Fills the fields for the clinician to check and save: nothing is saved by the look-up itself.
      if (!districtOffered(existing)) throw new HomewardError('validation_failed', 'No postcode service is set up: enter the latitude and longitude');
      try {
        const centre = await lookUpDistrict(existing);
        const filled = { latitude: String(centre.latitude), longitude: String(centre.longitude) };
        return renderForm(reply, {
          patient: existing,
          grant,
          version: shownVersion,
          values: { ...filled, districtLatitude: filled.latitude, districtLongitude: filled.longitude },
          filledFrom: centre.district,
        });
      } catch (error) {
        if (!(error instanceof HomewardError) || (error.code !== 'validation_failed' && error.code !== 'lookup_unavailable')) throw error;
        return renderForm(reply, { patient: existing, grant, version: shownVersion, values, status: error.statusCode, fields: [{ path: 'postcode', message: error.message }] });
      }
    }

    return pageWrite<{ location: PatientLocation; source: PlacementSource }>(request, reply, {
      check: () => {
        const checked = checkPatientLocation(values);
        if (!checked.ok) throw validationFailed(checked.fields);
        // Said to come from the district only while it is exactly what the look-up gave.
        const fromDistrict = values.latitude === values.districtLatitude && values.longitude === values.districtLongitude;
        return { location: checked.location, source: fromDistrict ? 'postcode-district' : 'entered' };
      },
      write: async (trx, checked) => {
        await placePatient(trx, { grant, version: shownVersion, location: checked.location, source: checked.source });
        return `/patients/${existing.id}?placed=1`;
      },
      render: async (fields, status, error) => {
        if (error.code === 'version_conflict') {
          const current = error.current as PatientResponse;
          // Pressed twice: the record already says exactly this.
          const checked = checkPatientLocation(values);
          if (checked.ok && current.latitude === checked.location.latitude && current.longitude === checked.location.longitude) {
            return redirectSeeOther(reply, `/patients/${existing.id}?placed=1`);
          }
          return renderForm(reply, {
            patient: current,
            grant,
            version: current.version,
            values: valuesOf(current),
            status,
            fields: [{ path: 'version', message: 'Someone else changed this patient’s details while you were placing them. Where they are now is shown below: check it and save again.' }],
          });
        }
        return renderForm(reply, { patient: existing, grant, version: shownVersion, values, status, fields });
      },
    });
  });

  typed.put(
    '/api/patients/:id/location',
    {
      schema: {
        tags: ['patients'],
        summary: "Place the patient on the map: their home's latitude and longitude, or their postcode district's centre; send the version you read (409 with the current record if it is stale)",
        description:
          'from: "postcode-district" asks the postcodes.io-compatible service the Trust configured (HOMEWARD_POSTCODES_URL) for the centre of the district, sending only the district; 400 when none is configured or it does not know the district, 503 when it does not answer. Coordinates must be in the UK.',
        params: idParams,
        headers: idempotencyHeader,
        body: placeBody,
        response: { 200: patientResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422, 503) },
      },
    },
    async (request, reply) => {
      const existing = await findPatient(app.db, request.params.id);
      if (!existing) throw notFound('Patient');
      const grant = await authorisePatientAccess(app.db, { actor: actorOf(request), patientId: existing.id, action: 'write' });
      const b = request.body;
      let location: PatientLocation;
      let source: PlacementSource;
      if (b.from === 'postcode-district') {
        if (!districtOffered(existing)) throw validationFailed([{ path: 'body.from', message: 'No postcode service is set up, or the patient’s postcode has no district: send latitude and longitude' }]);
        const centre = await lookUpDistrict(existing);
        location = { latitude: centre.latitude, longitude: centre.longitude };
        source = 'postcode-district';
      } else {
        const checked = checkPatientLocation({ latitude: b.latitude!, longitude: b.longitude! });
        if (!checked.ok) throw validationFailed(checked.fields.map((f) => ({ ...f, path: `body.${f.path}` })));
        location = checked.location;
        source = 'entered';
      }
      return idempotentWrite(request, reply, async (trx) => {
        const patient = await placePatient(trx, { grant, version: b.version, location, source });
        return { status: 200, body: patient };
      });
    },
  );
}
