// When a tap was made (the phone's time) against when it reached the service. An offline phone's tap
// arrives late and is kept with both; one from the future or over a day old is refused, since neither
// can be a check-in a responder could act on (a phone's clock a minute fast is allowed for).
import { HomewardError } from '../platform/homeward-error.ts';

export const madeAtLeewayMs = 2 * 60 * 1000;
export const madeAtOldestMs = 24 * 60 * 60 * 1000;

export function checkMadeAt(madeAt: Date | null, receivedAt: Date): Date {
  if (madeAt === null) return receivedAt;
  const problem = (message: string) => new HomewardError('validation_failed', message, { fields: [{ path: 'madeAt', message }] });
  if (Number.isNaN(madeAt.getTime())) throw problem('madeAt must be a date and time');
  if (madeAt.getTime() > receivedAt.getTime() + madeAtLeewayMs) throw problem('The time the tap was made is in the future. Check the phone’s date and time, then try again.');
  if (madeAt.getTime() < receivedAt.getTime() - madeAtOldestMs) {
    throw problem('The tap was made more than 24 hours ago, too late to record. Tell your team lead where you were instead.');
  }
  // A tap a little ahead of the service's clock is recorded at the service's time, never in the future.
  return madeAt.getTime() > receivedAt.getTime() ? receivedAt : madeAt;
}
