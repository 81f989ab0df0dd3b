// The CPD profile HCPC asks a registrant for when it audits them: a summary of their practice (their own
// words, written on the page, not stored), a summary of their CPD activities over the two years, and a
// statement of how they meet each standard with the evidence from their log. Built from the log as a
// block document (platform/pdf-document.ts), so the text is testable without reading the PDF back.
import { cpdProfileSummary, formatDisplayDate, homewardRoleLabels, type CpdProfileSummary } from '@homeward/clinical';
import type { PdfBlock, PdfDocumentOptions } from '../platform/pdf-document.ts';
import type { CpdOwner } from './cpd-queries.ts';
import type { CpdEntryResponse } from './cpd-schema.ts';

const professionWords: Record<string, string> = { OT: 'Occupational therapist', PT: 'Physiotherapist' };
const hoursText = (h: number) => `${h} ${h === 1 ? 'hour' : 'hours'}`;

export type BuildCpdProfileOptions = { owner: CpdOwner; entries: readonly CpdEntryResponse[]; today: string; summaryOfPractice: string };

export type CpdProfile = { document: PdfDocumentOptions; summary: CpdProfileSummary<CpdEntryResponse & { practiceChange: string }>; filename: string };

export function buildCpdProfile(o: BuildCpdProfileOptions): CpdProfile {
  const summary = cpdProfileSummary(o.entries, o.today);
  const period = `${formatDisplayDate(summary.from)} to ${formatDisplayDate(summary.to)}`;
  const who = professionWords[o.owner.profession] ?? homewardRoleLabels[o.owner.role];
  const blocks: PdfBlock[] = [
    { kind: 'rows', rows: [
      { key: 'Name', value: o.owner.name },
      { key: 'Profession', value: who },
      { key: 'Role', value: `${homewardRoleLabels[o.owner.role]}, band ${o.owner.band}` },
      { key: 'Period', value: period },
      { key: 'CPD activities', value: `${summary.entries.length}, ${hoursText(summary.totalHours)} in all` },
    ] },
    { kind: 'heading', text: 'Summary of practice', level: 2 },
    { kind: 'paragraph', text: o.summaryOfPractice.trim() || 'Not written yet. Describe your role, who you work with and the kind of work you do, in up to 500 words.' },
    { kind: 'heading', text: 'Summary of CPD activities', level: 2 },
    summary.entries.length
      ? { kind: 'list', items: summary.entries.map((e) => `${formatDisplayDate(e.doneOn)}: ${e.activity} (${e.kindLabel}, ${hoursText(e.hours)}${e.hcpcStandards.length ? `; standards ${e.hcpcStandards.join(', ')}` : ''})`) }
      : { kind: 'paragraph', text: 'No CPD activities are logged in this period.' },
    { kind: 'rows', rows: summary.hoursByKind.filter((k) => k.entries > 0).map((k) => ({ key: k.label, value: `${k.entries} ${k.entries === 1 ? 'activity' : 'activities'}, ${hoursText(k.hours)}` })) },
    { kind: 'heading', text: 'Statement of how I have met the standards', level: 2 },
  ];
  for (const s of summary.standards) {
    blocks.push({ kind: 'paragraph', text: `Standard ${s.standard}: ${s.text}.`, bold: true });
    blocks.push({ kind: 'paragraph', text: statementFor(s.standard, summary) });
    if (s.standard >= 3 && s.standard <= 4) {
      const evidence = s.entries.map((e) => `${e.activity} (${formatDisplayDate(e.doneOn)}): ${e.practiceChange.trim() || e.learned.trim() || 'no change to practice written'}`);
      if (evidence.length) blocks.push({ kind: 'list', items: evidence });
    }
  }
  blocks.push({ kind: 'heading', text: 'Evidence: each activity', level: 2 });
  for (const e of summary.entries) {
    blocks.push({ kind: 'paragraph', text: `${e.activity}, ${formatDisplayDate(e.doneOn)}`, bold: true });
    blocks.push({ kind: 'rows', rows: [
      { key: 'Type and hours', value: `${e.kindLabel}, ${hoursText(e.hours)}` },
      { key: 'What I learned', value: e.learned.trim() || 'Not written' },
      { key: 'How it changed my practice', value: e.practiceChange.trim() || 'Not written' },
      { key: 'Reflection', value: e.reflection.trim() || 'Not written' },
      { key: 'HCPC standards', value: e.hcpcStandards.length ? e.hcpcStandards.join(', ') : 'None chosen' },
    ] });
  }
  if (summary.gaps.length) {
    blocks.push({ kind: 'heading', text: 'Before you send it', level: 2 }, { kind: 'list', items: summary.gaps });
  }
  const safeName = o.owner.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'staff';
  return {
    document: { title: `CPD profile: ${o.owner.name}`, printSize: 'standard', header: `HCPC CPD profile, ${o.owner.name}, ${period}`, author: o.owner.name, blocks },
    summary,
    filename: `cpd-profile-${safeName}-${o.today}.pdf`,
  };
}

function statementFor(standard: number, s: CpdProfileSummary<CpdEntryResponse>): string {
  const n = s.entries.length;
  if (n === 0) return 'No CPD activities are logged in this period.';
  switch (standard) {
    case 1:
      return `I kept a record of my CPD as I went: ${n} ${n === 1 ? 'activity' : 'activities'} from ${formatDisplayDate(s.entries[0]!.doneOn)} to ${formatDisplayDate(s.entries[n - 1]!.doneOn)}, each with what I learned and how it changed my practice.`;
    case 2:
      return `My CPD is a mixture of learning activities: ${s.hoursByKind.filter((k) => k.entries > 0).map((k) => `${k.label.toLowerCase()} (${k.entries})`).join(', ')}.`;
    case 3:
      return s.standards[2]!.entries.length ? 'These activities improved the quality of my practice and the service:' : 'No activity in my log is marked as meeting this standard yet.';
    case 4:
      return s.standards[3]!.entries.length ? 'These activities benefited the people I see:' : 'No activity in my log is marked as meeting this standard yet.';
    default:
      return 'This profile is my own work, written from my CPD log. The evidence for each activity is held by me and can be sent on request.';
  }
}
