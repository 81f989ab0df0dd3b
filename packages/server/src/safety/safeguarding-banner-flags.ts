// "Safeguarding concern open" on the patient banner (issue 17 #2): its existence, never its contents,
// to everyone who may open the patient's record; the concern itself is for the safeguarding lead, the
// person who raised it and the people the lead names.
import type { BannerFlagsProvider } from '../platform/banner-flags.ts';

export const safeguardingBannerFlags: BannerFlagsProvider = async (db, o) => {
  const open = await db.selectFrom('safeguarding_concerns').select('id').where('patient_id', '=', o.patientId).where('status', '<>', 'closed').limit(1).executeTakeFirst();
  return open ? [{ text: 'Safeguarding concern open', hint: 'Speak to the safeguarding lead before acting on it.' }] : [];
};
