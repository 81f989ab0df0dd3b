// The day (and window) a collection is booked for, from the page's day/month/year fields or the API's
// body; the visit's own rules (visits/check-visit.ts) are applied again when it is booked.
import { parseDateParts } from '@homeward/clinical';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { formField, type FormBody } from '../platform/form-body.ts';
import type { CollectionBooking } from './decide-equipment-at-discharge.ts';

const time = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Throws 400 naming the fields (with the prefix the caller's body uses) unless the booking is whole. */
export function checkCollectionBooking(booking: CollectionBooking | null, prefix: string): asserts booking is CollectionBooking {
  if (!booking) throw validationFailed([{ path: `${prefix}date`, message: 'Enter the day the equipment is to be collected' }]);
}

export function collectionBookingFromForm(b: FormBody, today: string): CollectionBooking {
  const fields: FieldError[] = [];
  const parsed = parseDateParts({ day: formField(b['collectOn-day']), month: formField(b['collectOn-month']), year: formField(b['collectOn-year']) }, { label: 'Collection day', today });
  if (!parsed.ok) fields.push({ path: 'collection.date', message: parsed.message });
  const start = formField(b.windowStart).trim();
  const end = formField(b.windowEnd).trim();
  let window: CollectionBooking['window'] = null;
  if (start || end) {
    if (!time.test(start) || !time.test(end)) fields.push({ path: 'collection.window', message: 'Enter the window as two times like 09:30 and 12:00, or leave both blank' });
    else window = { start, end };
  }
  if (fields.length || !parsed.ok) throw validationFailed(fields);
  return { date: parsed.value, window };
}
