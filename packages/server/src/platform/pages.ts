// reply.page(template, context): renders a server page with what every page needs (who is signed
// in, navigation, the CSP nonce the NHS.UK template's inline script needs).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { hasTeamWideAccess, isClinicalRole, mayMakeReferrals, mayPlanVisits } from '@homeward/clinical';
import { viewEnvironment } from './views.ts';
import type { FieldError } from './homeward-error.ts';
import type { BannerFlagsProvider } from './banner-flags.ts';

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, context: Record<string, unknown>): FastifyReply;
  }
}

/** The NHS.UK error summary wants text and an anchor to the field at fault. */
export function errorList(fields: FieldError[], anchors: Record<string, string> = {}): Array<{ text: string; href: string }> {
  return fields.map((f) => ({ text: f.message, href: `#${anchors[f.path] ?? f.path.replaceAll('.', '-')}` }));
}

/** Error messages keyed by field path, for each input's errorMessage. */
export function errorsByField(fields: FieldError[]): Record<string, { text: string }> {
  const out: Record<string, { text: string }> = {};
  for (const f of fields) out[f.path] ??= { text: f.message };
  return out;
}

export type PagesOptions = { bannerFlags?: BannerFlagsProvider[] };

export const pages = fp(async (app: FastifyInstance, options: PagesOptions) => {
  const env = viewEnvironment();
  const bannerFlagProviders = options.bannerFlags ?? [];

  app.decorateReply('page', function page(this: FastifyReply, template: string, context: Record<string, unknown>) {
    const request = this.request;
    const principal = request.principal
      ? {
          ...request.principal,
          clinical: isClinicalRole(request.principal.role),
          teamWide: hasTeamWideAccess(request.principal.role),
          makesReferrals: mayMakeReferrals(request.principal.role),
        }
      : null;
    const navItems: Array<{ href: string; text: string; current?: boolean }> = [];
    const section = context.section;
    if (principal?.clinical) {
      navItems.push({ href: '/patients/search', text: 'Find a patient', current: section === 'patients' });
      // Support workers and students see the patients they work on, not the team's lists.
      if (principal.teamWide) navItems.push({ href: '/referrals', text: 'Referrals', current: section === 'referrals' });
      // A support worker's day is her delegated work (issue 11 #2).
      if (request.principal!.role === 'support-worker') navItems.push({ href: '/delegated-work', text: 'My delegated work', current: section === 'delegated-work' });
      navItems.push({ href: '/caseload', text: 'Caseload', current: section === 'caseload' });
      // The day's visits from the team's published plan (issue 13 #4).
      navItems.push({ href: '/run-sheet', text: 'Run sheet', current: section === 'run-sheet' });
      if (principal.teamWide) navItems.push({ href: '/caseload/waiting', text: 'Waiting list', current: section === 'waiting' });
      if (principal.teamWide) navItems.push({ href: '/visits', text: 'Visits', current: section === 'visits' });
      navItems.push({ href: '/staff/competences', text: 'Competences', current: section === 'competences' });
      // MDT meetings name the team's patients: for those who see the team's caseload (issue 16 #6).
      if (principal.teamWide) navItems.push({ href: '/mdt', text: 'MDT meetings', current: section === 'mdt' });
      navItems.push({ href: '/cpd', text: 'CPD', current: section === 'cpd' });
      // Every clinician sees who is in and who is on call; the lead keeps it (issue 13).
      navItems.push({ href: '/rota', text: 'Rota', current: section === 'rota' });
      // Each clinician's own supervision, their supervisees', and the lead's team view (issue 16 #1).
      navItems.push({ href: '/supervision', text: 'Supervision', current: section === 'supervision' });
      // Each person's mandatory training and PDC; the lead's team compliance from there (issue 16 #4, #5).
      navItems.push({ href: '/training', text: 'Training and PDC', current: section === 'training' || section === 'pdc' });
      // The team's visit plan is its lead's to make (visits/plan-access.ts applies the same rule).
      if (mayPlanVisits(request.principal!.role)) navItems.push({ href: '/visits/plan', text: 'Visit plan', current: section === 'visit-plan' });
      // Who is out alone today, and any alert (issue 14 #6): the same leads watch over the day they plan.
      if (mayPlanVisits(request.principal!.role)) navItems.push({ href: '/lone-working', text: 'Lone working', current: section === 'lone-working' });
      // Equipment on loan (issue 15): the catalogue, stores, items and their examinations, for every clinician.
      navItems.push({ href: '/equipment', text: 'Equipment', current: section === 'equipment' });
      // Reports and returns (issue 18): SSNAP, D2A, outcomes, activity, waiting; for those who see the team's caseload.
      if (principal.teamWide) navItems.push({ href: '/reports', text: 'Reports', current: section === 'reports' });
    }
    // Safety (issue 17): everyone reports incidents and near misses; the page lists what else their duties give them.
    if (principal && principal.role !== 'privacy-officer') navItems.push({ href: '/safety', text: 'Safety', current: section === 'safety' });
    if (principal?.role === 'administrator') navItems.push({ href: '/staff', text: 'Staff', current: section === 'staff' });
    if (principal?.role === 'privacy-officer') navItems.push({ href: '/audit', text: 'Access audit', current: section === 'audit' });
    const nonce = (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
    // A form held when the session ended, put back on the page it came from (platform/held-forms.ts).
    const held = request.heldForm && principal ? { action: request.heldForm.action, json: JSON.stringify({ action: request.heldForm.action, fields: request.heldForm.fields }), fields: request.heldForm.fields } : null;
    const render = (bannerFlags: unknown[]) => {
      const html = env.render(template, { ...context, principal, navItems, cspNonce: nonce, heldForm: held, unreadNotifications: request.principal?.unreadNotifications ?? null, bannerFlags });
      return this.type('text/html; charset=utf-8').send(html);
    };
    // A page with a patient's banner asks the other contexts for their flags first (platform/banner-flags.ts).
    // Every caller returns the reply, so Fastify waits for the send; a failed lookup is an error page,
    // never a banner silently without its flag.
    const patientId = (context.patient as { id?: unknown } | undefined)?.id;
    if (typeof patientId !== 'string' || bannerFlagProviders.length === 0 || !request.principal) return render([]);
    Promise.all(bannerFlagProviders.map((provider) => provider(app.db, { patientId })))
      .then((lists) => render(lists.flat()))
      .catch((error: unknown) => this.send(error));
    return this;
  });
});
