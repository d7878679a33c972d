import type { Prng } from './prng.js';

/** What the partner sends for a demo customer: the seed's POST /v1/persons body, every mandatory field set. */
export interface DemoPerson {
  salutation: 'MR' | 'MS';
  first_name: string;
  last_name: string;
  birth_date: string;
  birth_city: string;
  birth_country: string;
  nationality: string;
  email: string;
  mobile_number: string;
  address: { line_1: string; line_2: string; postal_code: string; city: string; country: 'DE' };
  terms_conditions_signed_at: string;
  data_terms_signed_at: string;
}

// Names of German residents, with the diversity of a German customer base; letters only (Solaris names).
// prettier-ignore
const WOMEN = [
  'Anna', 'Lena', 'Marie', 'Sophie', 'Laura', 'Julia', 'Katharina', 'Hannah', 'Lea', 'Sarah', 'Johanna',
  'Clara', 'Emilia', 'Charlotte', 'Mia', 'Paula', 'Franziska', 'Sabine', 'Petra', 'Ursula', 'Monika', 'Elif',
  'Ayşe', 'Zeynep', 'Agnieszka', 'Katarzyna', 'Giulia', 'Elena', 'Ana', 'Olena', 'Fatima', 'Nora', 'Ida',
  'Greta', 'Jana', 'Miriam', 'Anke', 'Birgit', 'Ingrid', 'Renate',
] as const;
// prettier-ignore
const MEN = [
  'Lukas', 'Jonas', 'Leon', 'Finn', 'Paul', 'Felix', 'Maximilian', 'Tobias', 'Jan', 'Niklas', 'Moritz',
  'David', 'Simon', 'Florian', 'Sebastian', 'Thomas', 'Michael', 'Andreas', 'Stefan', 'Wolfgang', 'Klaus',
  'Mehmet', 'Emre', 'Can', 'Piotr', 'Tomasz', 'Marco', 'Luca', 'Dimitrios', 'Andriy', 'Ahmad', 'Jakob',
  'Elias', 'Matthias', 'Uwe', 'Jürgen', 'Henrik', 'Ole', 'Karl', 'Benedikt',
] as const;
// prettier-ignore
const LAST = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann',
  'Yılmaz', 'Kaya', 'Demir', 'Nowak', 'Kowalski', 'Rossi', 'Papadopoulos', 'Kovalenko', 'Haddad', 'von Berg',
  "O'Connor", 'Schulze-Wendt', 'Lindqvist', 'Ferreira', 'García', 'Nguyen', 'Peters', 'Vogel',
] as const;
/** City, postal code prefix, streets: addresses in Germany (the sandbox branch's residency rule). */
const CITIES = [
  ['Berlin', '10', ['Amrumer Straße', 'Kastanienallee', 'Sonnenallee', 'Karl-Marx-Allee', 'Bergmannstraße']],
  ['Hamburg', '20', ['Eppendorfer Weg', 'Mönckebergstraße', 'Osterstraße', 'Lange Reihe']],
  ['München', '80', ['Leopoldstraße', 'Sendlinger Straße', 'Schleißheimer Straße', 'Rosenheimer Straße']],
  ['Köln', '50', ['Aachener Straße', 'Venloer Straße', 'Severinstraße']],
  ['Frankfurt am Main', '60', ['Berger Straße', 'Schweizer Straße', 'Leipziger Straße']],
  ['Stuttgart', '70', ['Königstraße', 'Tübinger Straße', 'Olgastraße']],
  ['Leipzig', '04', ['Karl-Liebknecht-Straße', 'Eisenbahnstraße', 'Gohliser Straße']],
  ['Dresden', '01', ['Königsbrücker Straße', 'Louisenstraße']],
  ['Düsseldorf', '40', ['Kölner Straße', 'Lorettostraße']],
  ['Nürnberg', '90', ['Fürther Straße', 'Wöhrder Hauptstraße']],
  ['Bremen', '28', ['Ostertorsteinweg', 'Am Wall']],
  ['Freiburg im Breisgau', '79', ['Habsburgerstraße', 'Wiehre Straße']],
] as const;
/** Nationality with its share, and a typical birth place. */
const ORIGINS = [
  {
    nationality: 'DE',
    weight: 78,
    cities: ['Berlin', 'Hamburg', 'München', 'Köln', 'Essen', 'Kassel', 'Rostock'],
  },
  { nationality: 'TR', weight: 5, cities: ['Istanbul', 'Ankara', 'Izmir'] },
  { nationality: 'PL', weight: 4, cities: ['Warszawa', 'Kraków', 'Gdańsk'] },
  { nationality: 'IT', weight: 3, cities: ['Milano', 'Napoli', 'Torino'] },
  { nationality: 'UA', weight: 3, cities: ['Kyiv', 'Lviv', 'Kharkiv'] },
  { nationality: 'AT', weight: 2, cities: ['Wien', 'Graz', 'Linz'] },
  { nationality: 'FR', weight: 2, cities: ['Lyon', 'Paris', 'Strasbourg'] },
  { nationality: 'GR', weight: 1, cities: ['Athína', 'Thessaloníki'] },
  { nationality: 'ES', weight: 1, cities: ['Madrid', 'Valencia'] },
  { nationality: 'US', weight: 1, cities: ['Chicago', 'Boston'] },
] as const;
const MAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

const DAY_MS = 24 * 3600_000;

/** Letters only, lower case, no accents: the local part of a demo e-mail address. */
const mailPart = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** A customer whose data passes the partner API's validation; `at` is when the partner signs them up. */
export function demoPerson(rng: Prng, at: Date): DemoPerson {
  const woman = rng.chance(0.5);
  const first = rng.pick(woman ? WOMEN : MEN);
  const last = rng.pick(LAST);
  const origin = rng.weighted(Object.fromEntries(ORIGINS.map((o, i) => [String(i), o.weight])));
  const { nationality, cities } = ORIGINS[Number(origin)];
  const [city, zip, streets] = rng.pick(CITIES);
  // Ages 18 to 75 at sign-up; the day within the year is uniform.
  const born = new Date(at.getTime() - rng.between(18.1, 75) * 365.25 * DAY_MS);
  const signed = new Date(at.getTime() - rng.int(0, 600) * 1000).toISOString();
  return {
    salutation: woman ? 'MS' : 'MR',
    first_name: first,
    last_name: last,
    birth_date: born.toISOString().slice(0, 10),
    birth_city: rng.pick(cities),
    birth_country: nationality,
    nationality,
    email: `${mailPart(first)}.${mailPart(last)}${rng.int(1, 99)}@${rng.pick(MAIL_DOMAINS)}`,
    // German mobile numbers in E.164: +49 15x/16x/17x and 7-8 digits.
    mobile_number: `+49${rng.pick(['151', '152', '157', '160', '162', '170', '171', '176', '177'])}${rng.int(1_000_000, 99_999_999)}`,
    address: {
      line_1: rng.pick(streets),
      line_2: String(rng.int(1, 180)) + (rng.chance(0.1) ? rng.pick(['a', 'b']) : ''),
      postal_code: `${zip}${String(rng.int(100, 999))}`,
      city,
      country: 'DE',
    },
    terms_conditions_signed_at: signed,
    data_terms_signed_at: signed,
  };
}
