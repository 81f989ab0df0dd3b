// Nottingham Extended Activities of Daily Living (Nouri & Lincoln 1987): 22 items in four subscales.
// Scoring A (the original) counts "on my own" with or without difficulty as 1; scoring B keeps all four
// levels (0-3). Report the subscales: Rasch analysis supports them over the total. No firm MCID.
import type { ChoiceItem, InstrumentDefinition } from './instrument.ts';
import { choiceItem, ordinalOptions } from './instrument.ts';

const responses = ordinalOptions(['Not at all', 'With help', 'On my own with difficulty', 'On my own']);
const item = (id: string, text: string): ChoiceItem => choiceItem(id, text, responses);

const mobility = [
  item('walk-outside', 'Walk around outside'),
  item('climb-stairs', 'Climb stairs'),
  item('car', 'Get in and out of a car'),
  item('uneven-ground', 'Walk over uneven ground'),
  item('cross-roads', 'Cross roads'),
  item('public-transport', 'Travel on public transport'),
];
const kitchen = [
  item('feed-yourself', 'Feed yourself'),
  item('hot-drink', 'Make a hot drink'),
  item('carry-drinks', 'Carry hot drinks between rooms'),
  item('washing-up', 'Do the washing up'),
  item('hot-snack', 'Make a hot snack'),
];
const domestic = [
  item('money', 'Manage own money when out'),
  item('wash-small-items', 'Wash small items of clothing'),
  item('shopping', 'Do own shopping'),
  item('full-wash', 'Do a full clothes wash'),
  item('housework', 'Do own housework'),
];
const leisure = [
  item('read', 'Read newspapers or books'),
  item('telephone', 'Use the telephone'),
  item('write-letters', 'Write letters'),
  item('go-out-socially', 'Go out socially'),
  item('garden', 'Manage own garden'),
  item('drive', 'Drive a car'),
];

const ids = (items: readonly ChoiceItem[]) => items.map((i) => i.id);
const allItems = [...mobility, ...kitchen, ...domestic, ...leisure];

export const nottinghamExtendedAdl: InstrumentDefinition = {
  id: 'nottingham-extended-adl',
  version: 1,
  name: 'Nottingham Extended Activities of Daily Living',
  shortName: 'NEADL',
  citation: 'Nouri FM, Lincoln NB. An extended activities of daily living scale for stroke patients. Clin Rehabil 1987;1:301-305.',
  licence: 'Free to use with citation.',
  guidance: 'Ask what the person has actually done in the last few weeks.',
  administration: ['self-report', 'interview', 'proxy'],
  items: allItems,
  scorings: [
    { id: 'scoring-a', label: 'Scoring A, original (0-22)', items: ids(allItems), recode: { 0: 0, 1: 0, 2: 1, 3: 1 }, min: 0, max: 22 },
    { id: 'scoring-b', label: 'Scoring B (0-66)', items: ids(allItems), min: 0, max: 66 },
  ],
  subscales: [
    { id: 'mobility', label: 'Mobility', items: ids(mobility) },
    { id: 'kitchen', label: 'In the kitchen', items: ids(kitchen) },
    { id: 'domestic', label: 'Domestic tasks', items: ids(domestic) },
    { id: 'leisure', label: 'Leisure activities', items: ids(leisure) },
  ],
  missingItems: { kind: 'none' },
  bandings: [],
  minimalChange: null,
  direction: 'higher-is-better',
  unit: 'points',
  decimals: 0,
};
