// Safeguarding concerns: the categories of abuse for adults (Care Act 2014, the ten) and children
// (Working Together to Safeguard Children, the four), consent to share, and the lead's decisions. The
// database checks the kinds and decisions (migration 0050); the categories are checked here.

export const safeguardingKinds = ['adult', 'child'] as const;
export type SafeguardingKind = (typeof safeguardingKinds)[number];

export const adultAbuseCategories = [
  'physical', 'sexual', 'psychological', 'financial-or-material', 'discriminatory', 'organisational',
  'domestic-abuse', 'modern-slavery', 'neglect-and-acts-of-omission', 'self-neglect',
] as const;
export const childAbuseCategories = ['physical', 'emotional', 'sexual', 'neglect'] as const;
export type SafeguardingCategory = (typeof adultAbuseCategories)[number] | (typeof childAbuseCategories)[number];

export const safeguardingCategoryLabels: Record<SafeguardingCategory, string> = {
  physical: 'Physical abuse',
  sexual: 'Sexual abuse',
  psychological: 'Psychological or emotional abuse',
  'financial-or-material': 'Financial or material abuse',
  discriminatory: 'Discriminatory abuse',
  organisational: 'Organisational abuse',
  'domestic-abuse': 'Domestic abuse',
  'modern-slavery': 'Modern slavery',
  'neglect-and-acts-of-omission': 'Neglect and acts of omission',
  'self-neglect': 'Self-neglect',
  emotional: 'Emotional abuse',
  neglect: 'Neglect',
};

/** The categories that may be chosen for this kind of concern. */
export function safeguardingCategoriesFor(kind: SafeguardingKind): readonly SafeguardingCategory[] {
  return kind === 'adult' ? adultAbuseCategories : childAbuseCategories;
}

export const consentToShareValues = ['given', 'refused', 'lacks-capacity', 'not-asked'] as const;
export type ConsentToShare = (typeof consentToShareValues)[number];
export const consentToShareLabels: Record<ConsentToShare, string> = {
  given: 'Yes, they agreed to the concern being shared',
  refused: 'No, they refused (give the reason to share without consent)',
  'lacks-capacity': 'They lack capacity to decide (give the reason to share in their best interests)',
  'not-asked': 'Not asked: asking would increase the risk (give the reason)',
};

export const safeguardingDecisions = ['refer-to-local-authority', 'no-further-action', 'monitor', 'advice-given'] as const;
export type SafeguardingDecision = (typeof safeguardingDecisions)[number];
export const safeguardingDecisionLabels: Record<SafeguardingDecision, string> = {
  'refer-to-local-authority': 'Refer to the local authority (section 42 enquiry or children’s services)',
  'no-further-action': 'No further action under safeguarding',
  monitor: 'Monitor, with a plan in the record',
  'advice-given': 'Advice given; managed by the team',
};

/** A decision is due this long after the concern is raised. */
export const safeguardingDecisionHours = 24;
