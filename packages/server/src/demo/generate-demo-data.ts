// Synthetic demo and scale data: realistic enough to demonstrate and load-test, never a real person.
// Pure and deterministic: the same seed gives the same people, whatever the clock or machine.
import type {
  Band,
  CommunicationNeedKind,
  CommunicationNeeds,
  HomewardRole,
  PatientContact,
  PatientDetails,
  Profession,
  RiskFlagKind,
  Sex,
} from '@homeward/clinical';
import { createRandom, deriveSeed } from './seeded-random.ts';

/** Ages are worked out against this date, not today, so the output never changes. */
export const demoReferenceDate = '2026-11-24';

/** One password for every demo account; the demo database must never hold real data. */
export const demoPassword = 'Homeward-demo-2026';

export type GeneratedPatient = PatientDetails & { registeredTeamId: string };

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------
// Places: ordered roughly north to south, so teams can take a contiguous patch each.

type Place = {
  /** Stoke-on-Trent's six towns are localities of one post town. */
  locality: string | null;
  town: string;
  districts: readonly string[];
  latitude: number;
  longitude: number;
  /** Relative population, so Stoke and Stafford have more patients than Gnosall. */
  weight: number;
};

const stoke = 'Stoke-on-Trent';
export const demoPlaces: readonly Place[] = [
  { locality: null, town: 'Biddulph', districts: ['ST8'], latitude: 53.118, longitude: -2.172, weight: 3 },
  { locality: null, town: 'Kidsgrove', districts: ['ST7'], latitude: 53.087, longitude: -2.238, weight: 3 },
  { locality: null, town: 'Leek', districts: ['ST13'], latitude: 53.105, longitude: -2.023, weight: 4 },
  { locality: 'Tunstall', town: stoke, districts: ['ST6'], latitude: 53.059, longitude: -2.211, weight: 4 },
  { locality: 'Burslem', town: stoke, districts: ['ST6'], latitude: 53.045, longitude: -2.199, weight: 4 },
  { locality: 'Hanley', town: stoke, districts: ['ST1'], latitude: 53.0246, longitude: -2.1754, weight: 5 },
  { locality: 'Bucknall', town: stoke, districts: ['ST2'], latitude: 53.02, longitude: -2.13, weight: 3 },
  { locality: null, town: 'Werrington', districts: ['ST9'], latitude: 53.025, longitude: -2.097, weight: 1 },
  { locality: null, town: 'Newcastle-under-Lyme', districts: ['ST5'], latitude: 53.012, longitude: -2.227, weight: 7 },
  { locality: 'Stoke', town: stoke, districts: ['ST4'], latitude: 53.004, longitude: -2.185, weight: 3 },
  { locality: 'Fenton', town: stoke, districts: ['ST4'], latitude: 53.002, longitude: -2.157, weight: 3 },
  { locality: 'Longton', town: stoke, districts: ['ST3'], latitude: 52.988, longitude: -2.134, weight: 5 },
  { locality: 'Meir', town: stoke, districts: ['ST3'], latitude: 52.972, longitude: -2.11, weight: 3 },
  { locality: null, town: 'Cheadle', districts: ['ST10'], latitude: 52.986, longitude: -1.987, weight: 2 },
  { locality: null, town: 'Blythe Bridge', districts: ['ST11'], latitude: 52.97, longitude: -2.065, weight: 1 },
  { locality: null, town: 'Barlaston', districts: ['ST12'], latitude: 52.941, longitude: -2.163, weight: 1 },
  { locality: null, town: 'Stone', districts: ['ST15'], latitude: 52.903, longitude: -2.147, weight: 3 },
  { locality: null, town: 'Uttoxeter', districts: ['ST14'], latitude: 52.898, longitude: -1.865, weight: 3 },
  { locality: null, town: 'Eccleshall', districts: ['ST21'], latitude: 52.858, longitude: -2.25, weight: 1 },
  { locality: null, town: 'Stafford', districts: ['ST16', 'ST17'], latitude: 52.807, longitude: -2.117, weight: 7 },
  { locality: null, town: 'Great Haywood', districts: ['ST18'], latitude: 52.8, longitude: -2.005, weight: 1 },
  { locality: null, town: 'Gnosall', districts: ['ST20'], latitude: 52.784, longitude: -2.253, weight: 1 },
  { locality: null, town: 'Penkridge', districts: ['ST19'], latitude: 52.724, longitude: -2.118, weight: 1 },
  { locality: null, town: 'Rugeley', districts: ['WS15'], latitude: 52.759, longitude: -1.936, weight: 3 },
  { locality: null, town: 'Hednesford', districts: ['WS12'], latitude: 52.711, longitude: -2.001, weight: 2 },
  { locality: null, town: 'Cannock', districts: ['WS11', 'WS12'], latitude: 52.691, longitude: -2.032, weight: 5 },
  { locality: null, town: 'Burton upon Trent', districts: ['DE13', 'DE14', 'DE15'], latitude: 52.803, longitude: -1.643, weight: 7 },
  { locality: null, town: 'Lichfield', districts: ['WS13', 'WS14'], latitude: 52.682, longitude: -1.826, weight: 5 },
  { locality: null, town: 'Tamworth', districts: ['B77', 'B78', 'B79'], latitude: 52.633, longitude: -1.695, weight: 6 },
];

const placeCumulativeWeights: number[] = [];
{
  let total = 0;
  for (const place of demoPlaces) placeCumulativeWeights.push((total += place.weight));
}
const placeTotalWeight = placeCumulativeWeights[placeCumulativeWeights.length - 1]!;

function pickPlaceIndex(random: Random): number {
  const target = random() * placeTotalWeight;
  let i = 0;
  while (placeCumulativeWeights[i]! <= target) i++;
  return i;
}

const streets = [
  'Church Street', 'High Street', 'Station Road', 'Victoria Road', 'Queen Street', 'King Street', 'Park Road',
  'Mill Lane', 'London Road', 'Uttoxeter Road', 'Leek Road', 'Newcastle Road', 'Trentham Road', 'Etruria Road',
  'Wedgwood Avenue', 'Spode Close', 'Minton Street', 'Doulton Drive', 'Bottle Kiln Lane', 'Canal Side',
  'Caldon Way', 'Trent Walk', 'Moorland Road', 'Chapel Lane', 'School Lane', 'Oak Tree Road', 'Beech Grove',
  'Elm Crescent', 'Hawthorn Close', 'Meadow View', 'Brook Street', 'Windsor Avenue', 'Albert Terrace',
  'Springfield Road', 'Cromwell Street', 'Lichfield Road', 'Stafford Road', 'Cannock Road', 'Marston Lane',
  'Chase View', 'Forge Lane', 'Furnace Road', 'Holly Bank', 'Ash Grove', 'Westfield Road', 'The Crescent',
];

// Royal Mail never uses C, I, K, M, O or V in the last two letters of a postcode.
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

/** Ofcom's drama ranges: numbers reserved for fiction, so a demo call never reaches a real person. */
function landline(random: Random): string {
  return `01632960${pad(intBetween(random, 0, 999), 3)}`;
}
function mobile(random: Random): string {
  return `07700900${pad(intBetween(random, 0, 999), 3)}`;
}

const practiceSuffixes = ['Medical Practice', 'Health Centre', 'Surgery', 'Family Practice'];
const practicePrefixes = ['Brookside', 'Kiln Lane', 'Canalside', 'Moorview', 'Potters', 'Chaseside', 'Trentvale', 'Oakfield'];

/** Made-up practices with ODS-style codes: two per place. */
export const demoGpPractices: readonly { code: string; name: string; placeIndex: number }[] = demoPlaces.flatMap((place, i) => [
  {
    code: `M83${pad(100 + i * 2, 3)}`,
    name: `${place.locality ?? place.town} ${practiceSuffixes[i % practiceSuffixes.length]}`,
    placeIndex: i,
  },
  {
    code: `M83${pad(101 + i * 2, 3)}`,
    name: `${practicePrefixes[i % practicePrefixes.length]} ${practiceSuffixes[(i + 1) % practiceSuffixes.length]}, ${place.locality ?? place.town}`,
    placeIndex: i,
  },
]);

// ---------------------------------------------------------------------------------------------
// Names: mostly White British (as Staffordshire is), with South Asian and Polish families too.

const olderWomen = [
  'Margaret', 'Dorothy', 'Joan', 'Betty', 'Barbara', 'Jean', 'Patricia', 'Brenda', 'Sheila', 'Maureen', 'Doreen',
  'Pauline', 'Valerie', 'Sylvia', 'Irene', 'Eileen', 'Kathleen', 'Mary', 'Elizabeth', 'Susan', 'Linda', 'Christine',
  'Carol', 'Janet', 'Ann', 'Pamela', 'Marjorie', 'Edna', 'Gwendoline', 'Beryl', 'Hilda', 'Audrey', 'Shirley',
  'Gillian', 'Sandra', 'Elsie', 'Vera', 'Rita', 'Joyce', 'Hazel', 'June', 'Iris',
];
const youngerWomen = [
  'Sarah', 'Emma', 'Claire', 'Rebecca', 'Laura', 'Hannah', 'Amy', 'Jessica', 'Lisa', 'Nicola', 'Michelle', 'Kelly',
  'Gemma', 'Stacey', 'Charlotte', 'Sophie', 'Lauren', 'Chloe', 'Rachel', 'Joanne', 'Karen', 'Julie', 'Tracey',
];
const olderMen = [
  'John', 'William', 'George', 'Kenneth', 'Ronald', 'Derek', 'Brian', 'Peter', 'Alan', 'David', 'Michael', 'Roy',
  'Dennis', 'Frank', 'Albert', 'Arthur', 'Harold', 'Leslie', 'Raymond', 'Stanley', 'Norman', 'Keith', 'Trevor',
  'Colin', 'Barry', 'Terence', 'Malcolm', 'Geoffrey', 'Graham', 'Robert', 'Thomas', 'James', 'Eric', 'Frederick',
  'Cyril', 'Bernard', 'Sidney', 'Walter',
];
const youngerMen = [
  'James', 'Daniel', 'Matthew', 'Christopher', 'Andrew', 'Mark', 'Paul', 'Lee', 'Craig', 'Darren', 'Wayne', 'Jason',
  'Ryan', 'Thomas', 'Luke', 'Adam', 'Jamie', 'Liam', 'Scott', 'Ben', 'Stephen', 'Gary',
];
const britishFamilyNames = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts',
  'Robinson', 'Wright', 'Walker', 'Wood', 'Hall', 'Green', 'Lee', 'Harris', 'Clarke', 'Hughes', 'Edwards', 'Turner',
  'Jackson', 'Hill', 'Moore', 'Cooper', 'Baker', 'Mitchell', 'Bailey', 'Bloor', 'Plant', 'Salt', 'Mountford',
  'Bourne', 'Hulme', 'Shenton', 'Boulton', 'Tatton', 'Machin', 'Podmore', 'Rowley', 'Heath', 'Beech', 'Barlow',
  'Cotton', 'Alcock', 'Tunnicliffe', 'Brereton', 'Shufflebotham', 'Stubbs', 'Birks', 'Goodwin', 'Hollins', 'Dale',
  'Bradbury', 'Lovatt', 'Simcock', 'Steele', 'Capewell', 'Cartlidge', 'Mellor', 'Oakes', 'Hancock', "O'Brien",
  'Lloyd-Jones', 'McDonald',
];
const southAsianWomen = ['Aisha', 'Fatima', 'Nasreen', 'Shazia', 'Parveen', 'Zainab', 'Rukhsana', 'Samina', 'Amina', 'Bushra'];
const southAsianMen = ['Mohammed', 'Muhammad', 'Abdul', 'Tariq', 'Imran', 'Zahid', 'Khalid', 'Nadeem', 'Shabir', 'Arshad'];
const southAsianFamilyNames = ['Khan', 'Hussain', 'Ahmed', 'Ali', 'Akhtar', 'Mahmood', 'Rashid', 'Shah', 'Butt', 'Malik', 'Iqbal'];
const polishWomen = ['Anna', 'Katarzyna', 'Agnieszka', 'Małgorzata', 'Krystyna', 'Ewa', 'Zofia', 'Halina'];
const polishMen = ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Jan', 'Stanisław', 'Marek', 'Paweł'];
const polishFamilyNames = ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański'];

type Community = 'british' | 'south-asian' | 'polish';

/** Polish surnames ending -ski/-cki take -ska/-cka for women. */
function polishFamilyName(name: string, sex: Sex): string {
  return sex === 'female' ? name.replace(/([sc]k)i$/, '$1a') : name;
}

function givenNameFor(random: Random, community: Community, sex: Sex, age: number): string {
  const female = sex === 'female' || (sex !== 'male' && random() < 0.5);
  if (community === 'south-asian') return pick(random, female ? southAsianWomen : southAsianMen);
  if (community === 'polish') return pick(random, female ? polishWomen : polishMen);
  if (age >= 60) return pick(random, female ? olderWomen : olderMen);
  return pick(random, female ? youngerWomen : youngerMen);
}

function familyNameFor(random: Random, community: Community, sex: Sex): string {
  if (community === 'south-asian') return pick(random, southAsianFamilyNames);
  if (community === 'polish') return polishFamilyName(pick(random, polishFamilyNames), sex);
  return pick(random, britishFamilyNames);
}

// ---------------------------------------------------------------------------------------------
// NHS numbers: derived from the index, so 200,000 patients need no collision checks.

/** How many distinct test NHS numbers testNhsNumberForIndex can give. */
export const maxTestNhsNumbers = 900_000;

/**
 * The index-th test-range NHS number. Of the ten final body digits after any 999xxxxx prefix, at most
 * one makes the check digit 10, so each prefix always has nine usable numbers: index / 9 picks the
 * prefix (scattered by a multiplier coprime to 100,000) and index % 9 picks the usable digit.
 */
export function testNhsNumberForIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= maxTestNhsNumbers) {
    throw new RangeError(`No test NHS number for index ${index}`);
  }
  const prefix = (Math.floor(index / 9) * 7919 + 12_345) % 100_000;
  let wanted = index % 9;
  // 9, 9, 9 weighted 10, 9, 8 gives 243; the five prefix digits take weights 7 to 3.
  let sum = 243;
  let rest = prefix;
  for (let weight = 3; weight <= 7; weight++) {
    sum += (rest % 10) * weight;
    rest = Math.floor(rest / 10);
  }
  for (let k = 0; k < 10; k++) {
    const digit = (k * 3 + prefix) % 10;
    const check = (11 - ((sum + digit * 2) % 11)) % 11;
    if (check === 10) continue;
    if (wanted-- === 0) return `999${pad(prefix, 5)}${digit}${check}`;
  }
  throw new Error('unreachable: every prefix has nine usable digits');
}

// ---------------------------------------------------------------------------------------------
// Everything else about a patient.

const dayMs = 86_400_000;
const [refYear, refMonth, refDay] = demoReferenceDate.split('-').map(Number) as [number, number, number];

/** Mostly older adults, as community rehab caseloads are: about a fifth under 65, peaking in the 80s. */
function pickAge(random: Random): number {
  if (random() < 0.2) return intBetween(random, 18, 64);
  return Math.min(100, 65 + Math.floor(((random() + random()) / 2) * 36));
}

function dateOfBirthFor(random: Random, age: number): string {
  // Between the day after the (age + 1)th birthday and the age-th birthday, inclusive.
  const latest = Date.UTC(refYear - age, refMonth - 1, refDay);
  const earliest = Date.UTC(refYear - age - 1, refMonth - 1, refDay) + dayMs;
  const days = Math.round((latest - earliest) / dayMs);
  return new Date(earliest + intBetween(random, 0, days) * dayMs).toISOString().slice(0, 10);
}

function pickSex(random: Random): Sex {
  const r = random();
  if (r < 0.56) return 'female';
  if (r < 0.995) return 'male';
  return r < 0.998 ? 'other' : 'unknown';
}

const interpreterLanguages: Record<Community, readonly string[]> = {
  british: ['Arabic', 'Kurdish', 'Romanian', 'Tigrinya'],
  'south-asian': ['Urdu', 'Punjabi', 'Mirpuri', 'Bengali'],
  polish: ['Polish'],
};
const otherNeeds: readonly CommunicationNeedKind[] = [
  'hearing', 'hearing', 'hearing', 'sight', 'sight', 'cognition', 'cognition', 'large-print', 'aphasia', 'easy-read', 'bsl',
];
const needNotes: Partial<Record<CommunicationNeedKind, string>> = {
  hearing: 'Hearing aids in both ears; face them and speak clearly.',
  sight: 'Registered blind; introduce yourself as you come in.',
  cognition: 'Living with dementia; daughter helps with decisions.',
  aphasia: 'Expressive aphasia after stroke; use yes/no questions and allow time.',
  bsl: 'Book a BSL interpreter for assessments.',
};

function communicationNeedsFor(random: Random, community: Community): CommunicationNeeds {
  const none: CommunicationNeeds = { needs: [], interpreterLanguage: null, notes: null };
  const needsInterpreter = community !== 'british' ? random() < 0.2 : random() < 0.003;
  if (!needsInterpreter && random() >= 0.085) return none;
  const needs: CommunicationNeedKind[] = [];
  if (needsInterpreter) needs.push('interpreter');
  else {
    needs.push(pick(random, otherNeeds));
    if (random() < 0.25) {
      const second = pick(random, otherNeeds);
      if (!needs.includes(second)) needs.push(second);
    }
  }
  const interpreterLanguage = needsInterpreter ? pick(random, interpreterLanguages[community]) : null;
  const notes = random() < 0.6 ? (needNotes[needs[0]!] ?? null) : null;
  return { needs, interpreterLanguage, notes };
}

const accessNoteTexts = [
  'Ring the bell and wait: it takes a few minutes to reach the door.',
  'Use the back door; the front door sticks.',
  'Parking is difficult; use the car park on the next street.',
  'Daughter visits mornings; phone ahead after 2pm.',
  'Second-floor flat; the lift is often out of order.',
  'Buzz flat number at the main entrance; warden on site weekdays.',
  'Gate is stiff; lift it to open.',
];
const keySafeNotes = [
  'Key safe by the front door; ask the office for the code.',
  'Key safe on the side wall; code held by the care agency.',
];

const riskNoteTexts: Record<RiskFlagKind, readonly string[]> = {
  'visit-in-pairs': ['Visit in pairs after an incident on a previous visit.', 'Lone working not advised after dark.'],
  animals: ['Two large dogs: ask for them to be shut away before entering.', 'Cat and parrot; no known risk but ask before entering.'],
  aggression: ['Son has been verbally aggressive to staff; visit in pairs.', 'Can become agitated when rushed; allow time.'],
  environment: ['Hoarding: trip hazards in the hallway and stairs.', 'Home oxygen in use; no naked flames.', 'Smokes indoors.'],
};
const riskKinds: readonly RiskFlagKind[] = ['visit-in-pairs', 'animals', 'aggression', 'environment'];

function contactsFor(
  random: Random,
  patient: { familyName: string; age: number; livesAlone: boolean; community: Community },
): PatientContact[] {
  const contacts: PatientContact[] = [];
  const hasPartner = !patient.livesAlone && patient.age >= 25 && random() < 0.6;
  const needsCare = patient.age >= 70 && random() < 0.3;
  const contactPhone = () => (random() < 0.8 ? mobile(random) : landline(random));
  const personName = (sex: Sex, age: number, familyName: string) =>
    `${givenNameFor(random, patient.community, sex, age)} ${familyName}`;

  if (hasPartner) {
    const partnerSex: Sex = random() < 0.5 ? 'female' : 'male';
    contacts.push({
      name: personName(partnerSex, patient.age, random() < 0.85 ? patient.familyName : familyNameFor(random, patient.community, partnerSex)),
      relationship: random() < 0.8 ? (partnerSex === 'female' ? 'Wife' : 'Husband') : 'Partner',
      phone: random() < 0.7 ? contactPhone() : null,
      isNextOfKin: true,
      isCarer: needsCare && random() < 0.7,
    });
  }
  if (random() < (patient.age >= 65 ? 0.7 : 0.35)) {
    const older = patient.age >= 45;
    const childSex: Sex = random() < 0.55 ? 'female' : 'male';
    const relationship = older ? (childSex === 'female' ? 'Daughter' : 'Son') : childSex === 'female' ? 'Mother' : 'Father';
    const relativeAge = older ? Math.max(18, patient.age - 28) : patient.age + 27;
    contacts.push({
      name: personName(childSex, relativeAge, random() < 0.6 ? patient.familyName : familyNameFor(random, patient.community, childSex)),
      relationship,
      phone: contactPhone(),
      isNextOfKin: !hasPartner,
      isCarer: needsCare && !contacts.some((c) => c.isCarer) && random() < 0.6,
    });
  }
  if (contacts.length === 0 && random() < 0.4) {
    const sex: Sex = random() < 0.5 ? 'female' : 'male';
    contacts.push({
      name: personName(sex, patient.age, familyNameFor(random, patient.community, sex)),
      relationship: pick(random, ['Niece', 'Nephew', 'Neighbour', 'Friend', 'Sister', 'Brother']),
      phone: contactPhone(),
      isNextOfKin: true,
      isCarer: needsCare && random() < 0.5,
    });
  }
  return contacts;
}

export type GeneratePatientsOptions = {
  seed: number;
  count: number;
  /** The index of the first patient; patient i is the same whichever batch it is made in. */
  startIndex?: number;
  /** Teams take a contiguous north-to-south share of the places, in this order. */
  teamIds: string[];
};

/** Patient `index` for `seed`: depends on nothing else, so batches can be made independently. */
export function generatePatient(seed: number, index: number, teamIds: readonly string[]): GeneratedPatient {
  if (teamIds.length === 0) throw new Error('At least one team is needed to register patients with');
  const random = createRandom(deriveSeed(seed, index));

  const age = pickAge(random);
  const sex = pickSex(random);
  const c = random();
  const community: Community = c < 0.89 ? 'british' : c < 0.97 ? 'south-asian' : 'polish';
  const givenName = givenNameFor(random, community, sex, age);
  const familyName = familyNameFor(random, community, sex);

  const placeIndex = pickPlaceIndex(random);
  const place = demoPlaces[placeIndex]!;
  const district = pick(random, place.districts);
  const postcode = `${district} ${intBetween(random, 1, 9)}${inwardLetters[intBetween(random, 0, 19)]}${inwardLetters[intBetween(random, 0, 19)]}`;
  const houseNumber = intBetween(random, 1, 180);
  const flat = random() < 0.12 ? `Flat ${intBetween(random, 1, 24)}, ` : '';
  // A few patients are not registered with a GP (or it is not known).
  const practice = random() < 0.98 ? demoGpPractices[placeIndex * 2 + (random() < 0.5 ? 0 : 1)]! : null;

  const livesAlone = random() < 0.3;
  const keySafe = random() < (livesAlone ? 0.6 : 0.315);
  const accessNotes = keySafe && random() < 0.5 ? pick(random, keySafeNotes) : random() < 0.12 ? pick(random, accessNoteTexts) : null;

  const riskFlags: RiskFlagKind[] = [];
  let riskNotes: string | null = null;
  if (random() < 0.1) {
    const first = pick(random, riskKinds);
    riskFlags.push(first);
    if (random() < 0.2) {
      const second = pick(random, riskKinds);
      if (second !== first) riskFlags.push(second);
    }
    riskNotes = pick(random, riskNoteTexts[first]);
  }

  const hasPhone = random() < 0.88;
  const phone = hasPhone ? (random() < (age >= 65 ? 0.6 : 0.15) ? landline(random) : mobile(random)) : null;

  return {
    nhsNumber: testNhsNumberForIndex(index),
    givenName,
    familyName,
    dateOfBirth: dateOfBirthFor(random, age),
    sex,
    genderIdentity: sex === 'other' ? 'Non-binary' : null,
    addressLine1: `${flat}${houseNumber} ${pick(random, streets)}`,
    addressLine2: place.locality,
    town: place.town,
    postcode,
    // About a mile either way: enough to spread visits out, still within the town.
    latitude: Math.round((place.latitude + (random() - 0.5) * 0.024) * 1e6) / 1e6,
    longitude: Math.round((place.longitude + (random() - 0.5) * 0.04) * 1e6) / 1e6,
    phone,
    gpPracticeCode: practice?.code ?? null,
    gpPracticeName: practice?.name ?? null,
    contacts: contactsFor(random, { familyName, age, livesAlone, community }),
    communicationNeeds: communicationNeedsFor(random, community),
    livesAlone,
    keySafe,
    accessNotes,
    riskFlags,
    riskNotes,
    registeredTeamId: teamIds[Math.min(teamIds.length - 1, Math.floor((placeIndex * teamIds.length) / demoPlaces.length))]!,
  };
}

/** Patients one at a time, in index order, so a million can be streamed into a database. */
export function* iteratePatients(options: GeneratePatientsOptions): Generator<GeneratedPatient, void, undefined> {
  const start = options.startIndex ?? 0;
  for (let index = start; index < start + options.count; index++) {
    yield generatePatient(options.seed, index, options.teamIds);
  }
}

export function generatePatients(options: GeneratePatientsOptions): GeneratedPatient[] {
  return Array.from(iteratePatients(options));
}

// ---------------------------------------------------------------------------------------------
// The demo teams and their staff.

/** Telephone numbers come from Ofcom's range for drama (01632 960xxx): they never ring anyone. */
export type DemoTeam = { key: string; name: string; baseLocation: string; phone: string };
export type DemoStaff = {
  key: string;
  givenName: string;
  familyName: string;
  email: string;
  homewardRole: HomewardRole;
  profession: Profession;
  band: Band;
  teamKey: string;
  baseLocation: string;
  /** HCPC registration (OT for occupational therapists, PH for physiotherapists), for the registered professions only. */
  registrationNumber: string | null;
  password: string;
};

const demoTeams: readonly DemoTeam[] = [
  { key: 'north-staffs', name: 'North Staffordshire Community Therapies', baseLocation: 'Haywood Community Hospital, Burslem', phone: '01632 960300' },
  { key: 'stafford', name: 'Stafford and Surrounds Community Therapies', baseLocation: 'Cannock Chase Hospital, Cannock', phone: '01632 960400' },
];

// Keys are stable whatever the seed, so tests and guides can say "sign in as the clinical lead".
const demoRoster: readonly { key: string; homewardRole: HomewardRole; profession: Profession; band: Band; teamKey: string }[] = [
  { key: 'clinical-lead', homewardRole: 'clinical-lead', profession: 'OT', band: '7', teamKey: 'north-staffs' },
  { key: 'service-manager', homewardRole: 'service-manager', profession: 'PT', band: '8a', teamKey: 'north-staffs' },
  { key: 'ot-1', homewardRole: 'registered-therapist', profession: 'OT', band: '6', teamKey: 'north-staffs' },
  { key: 'ot-2', homewardRole: 'registered-therapist', profession: 'OT', band: '5', teamKey: 'north-staffs' },
  { key: 'ot-3', homewardRole: 'registered-therapist', profession: 'OT', band: '5', teamKey: 'north-staffs' },
  { key: 'pt-1', homewardRole: 'registered-therapist', profession: 'PT', band: '6', teamKey: 'north-staffs' },
  { key: 'pt-2', homewardRole: 'registered-therapist', profession: 'PT', band: '6', teamKey: 'north-staffs' },
  { key: 'pt-3', homewardRole: 'registered-therapist', profession: 'PT', band: '5', teamKey: 'north-staffs' },
  { key: 'assistant-practitioner-1', homewardRole: 'assistant-practitioner', profession: 'none', band: '4', teamKey: 'north-staffs' },
  { key: 'assistant-practitioner-2', homewardRole: 'assistant-practitioner', profession: 'none', band: '4', teamKey: 'north-staffs' },
  { key: 'support-worker-1', homewardRole: 'support-worker', profession: 'none', band: '3', teamKey: 'north-staffs' },
  { key: 'support-worker-2', homewardRole: 'support-worker', profession: 'none', band: '3', teamKey: 'north-staffs' },
  { key: 'support-worker-3', homewardRole: 'support-worker', profession: 'none', band: '3', teamKey: 'north-staffs' },
  { key: 'student-1', homewardRole: 'student', profession: 'none', band: 'none', teamKey: 'north-staffs' },
  { key: 'administrator', homewardRole: 'administrator', profession: 'none', band: '4', teamKey: 'north-staffs' },
  { key: 'privacy-officer', homewardRole: 'privacy-officer', profession: 'none', band: '6', teamKey: 'north-staffs' },
  { key: 'stafford-clinical-lead', homewardRole: 'clinical-lead', profession: 'PT', band: '7', teamKey: 'stafford' },
  { key: 'stafford-ot', homewardRole: 'registered-therapist', profession: 'OT', band: '6', teamKey: 'stafford' },
  { key: 'stafford-pt', homewardRole: 'registered-therapist', profession: 'PT', band: '5', teamKey: 'stafford' },
  { key: 'stafford-assistant-practitioner', homewardRole: 'assistant-practitioner', profession: 'none', band: '4', teamKey: 'stafford' },
  { key: 'stafford-support-worker', homewardRole: 'support-worker', profession: 'none', band: '3', teamKey: 'stafford' },
];

// Distinct given names and distinct family names, so every shuffled pairing (and email) is unique.
const staffGivenNames = [
  'Priya', 'Gareth', 'Siobhan', 'Olumide', 'Hannah', 'Tom', 'Rachel', 'Imran', 'Kirsty', 'Joe', 'Nadia', 'Chris',
  'Bethany', 'Marcus', 'Fiona', 'Dev', 'Lucy', 'Aled', 'Grace', 'Sam', 'Zoe', 'Kwame', 'Ellie', 'Rob',
];
const staffFamilyNames = [
  'Patel', 'Lloyd', "O'Connor", 'Adeyemi', 'Bloor', 'Hargreaves', 'Mistry', 'Chadwick', 'Okafor', 'Fenton',
  'Rahman', 'Whitehouse', 'Mellor', 'Nowak', 'Kaur', 'Ashworth', 'Barnes', 'Evans-Wright', 'Singh', 'Pointon',
  'Birch', 'Osei', 'Cartwright', 'Gallagher',
];

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}

/** A made-up HCPC number with the register's prefix for the profession (a physiotherapist's is PH, not PT). */
function hcpcNumber(profession: Profession, i: number): string | null {
  if (profession === 'none') return null;
  return `${profession === 'PT' ? 'PH' : 'OT'}${String(100000 + i * 7919).slice(0, 6)}`;
}

export function generateDemoTeam(options: { seed: number }): { teams: DemoTeam[]; staff: DemoStaff[] } {
  const random = createRandom(options.seed);
  const givenNames = shuffled(random, staffGivenNames);
  const familyNames = shuffled(random, staffFamilyNames);
  const staff = demoRoster.map((member, i): DemoStaff => {
    const givenName = givenNames[i]!;
    const familyName = familyNames[i]!;
    const team = demoTeams.find((t) => t.key === member.teamKey)!;
    return {
      ...member,
      givenName,
      familyName,
      email: `${emailPart(givenName)}.${emailPart(familyName)}@homeward.example`,
      baseLocation: team.baseLocation,
      registrationNumber: hcpcNumber(member.profession, i),
      password: demoPassword,
    };
  });
  return { teams: demoTeams.map((t) => ({ ...t })), staff };
}
