import { chance, pick } from './random';

/**
 * The demo's people, decided up front from the seed. Each has a join date over the last two years
 * and a behaviour (how often they open, whether they stopped engaging at some point, whether an
 * Apple Mail proxy or a company link scanner touches their mail), so the events the seed records
 * produce realistic rates and a spread over every inactivity tier.
 */
// Enough that the A/B test (all subscribers, split in two) clears the 1,000-per-variant rule of lib/metrics/ab.
export const DEMO_CONTACTS = 2_700;
const HISTORY_DAYS = 730;

const FIRST = ['Anna', 'Bram', 'Chloe', 'Daan', 'Emma', 'Finn', 'Grace', 'Hugo', 'Isa', 'Jesse', 'Julia', 'Lars', 'Lotte', 'Milan', 'Noor', 'Olivia', 'Pieter', 'Sara', 'Sem', 'Tess', 'Thomas', 'Vera', 'Willem', 'Yara', 'Zoe', 'Liam', 'Mia', 'Noah', 'Eva', 'Lucas'];
const LAST = ['de Jong', 'Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'de Boer', 'Brown', 'Clarke', 'Evans', 'Hughes', 'Murphy', 'Walsh', 'Schmidt', 'Peeters', 'Maes', 'Dubois'];
const CITIES = ['Amsterdam', 'Rotterdam', 'Utrecht', 'Antwerp', 'Ghent', 'London', 'Berlin', 'Eindhoven', 'Leiden', 'Haarlem'];
const COMPANIES = ['Corner Café', 'Bean There', 'Studio Noord', 'Office Hub', 'The Daily Grind', 'Kantoor Plus', 'Brew Lab', 'Cowork Oost'];

/** How often a person opens a mail; the share of each class is what gives the list its open rate. */
const CLASSES = [
  { share: 0.3, open: 0 },
  { share: 0.25, open: 0.12 },
  { share: 0.25, open: 0.38 },
  { share: 0.2, open: 0.68 },
] as const;

export interface PlannedContact {
  index: number;
  email: string;
  firstName: string;
  lastName: string;
  tags: string[];
  city: string;
  company: string;
  joinDaysAgo: number;
  /** Chance to open one mail (before the campaign's own factor). */
  open: number;
  /** Chance to click once opened. */
  clickGivenOpen: number;
  /** Engages with no mail sent fewer than this many days ago (they went quiet then); null: still engaged. */
  quietSinceDaysAgo: number | null;
  /** Apple Mail Privacy Protection fetches every pixel on delivery: a machine open each time. */
  applePrivacy: boolean;
  /** The company's security gateway follows every link on delivery: a machine click each time. */
  linkScanner: boolean;
  /** What they spent in the shop so far, in cents (0: never bought); it arrives with the import, as a shop export's column. */
  lifetimeValueCents: number;
}

/** Share of the list that has bought at least once (every VIP has). */
const BUYER_SHARE = 0.55;
/** Smallest order total, and the Pareto shape: most buyers spent a bag or two, a few spent hundreds. */
const MIN_SPEND_CENTS = 1_450;
const SPEND_SHAPE = 1.25;
const MAX_SPEND_CENTS = 250_000;

/**
 * A right-skewed lifetime value (Pareto, capped): the median buyer spent about €25, the top fifth over
 * €50, a handful well over €500. VIPs and coffee subscribers buy more. Non-buyers: 0.
 */
export function plannedLifetimeValue(u: (what: string) => number, tags: string[]): number {
  const vip = tags.includes('vip');
  if (!vip && u('buyer') >= BUYER_SHARE) return 0;
  const factor = (vip ? 3 : 1) * (tags.includes('subscriber') ? 2 : 1);
  const spend = (MIN_SPEND_CENTS / Math.pow(1 - u('spend'), 1 / SPEND_SHAPE)) * factor;
  return Math.min(MAX_SPEND_CENTS, Math.round(spend));
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '');

export function planContacts(count = DEMO_CONTACTS): PlannedContact[] {
  return Array.from({ length: count }, (_, index) => {
    const u = (what: string) => chance('contact', index, what);
    const firstName = pick(FIRST, u('first'));
    const lastName = pick(LAST, u('last'));
    const b2b = u('b2b') < 0.2;
    const company = b2b ? pick(COMPANIES, u('company')) : '';
    const domain = b2b ? `${slug(company)}.example.com` : pick(['example.com', 'example.org', 'example.net'], u('domain'));
    const tags = [b2b ? 'b2b' : 'b2c', u('taste') < 0.55 ? 'espresso' : 'filter'];
    if (u('vip') < 0.06) tags.push('vip');
    if (u('sub') < 0.25) tags.push('subscriber');
    let r = u('class');
    const cls = CLASSES.find((c) => (r -= c.share) < 0) ?? CLASSES[0];
    const joinDaysAgo = Math.floor(u('join') * HISTORY_DAYS);
    return {
      index,
      email: `${slug(firstName)}.${slug(lastName)}.${index + 1}@${domain}`,
      firstName,
      lastName,
      tags,
      city: pick(CITIES, u('city')),
      company,
      joinDaysAgo,
      open: cls.open,
      clickGivenOpen: 0.09 + 0.08 * u('click'),
      quietSinceDaysAgo: cls.open > 0 && u('fade') < 0.4 ? Math.floor(u('quiet') * Math.min(joinDaysAgo, 360)) : null,
      applePrivacy: u('apple') < 0.18,
      linkScanner: b2b && u('scanner') < 0.4,
      lifetimeValueCents: plannedLifetimeValue(u, tags),
    };
  });
}

/** The import file of a cohort, as a CSV the product's import verb reads. */
export function contactsCsv(people: PlannedContact[]): string {
  const cell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const money = (cents: number) => (cents > 0 ? (cents / 100).toFixed(2) : '');
  const lines = people.map((p) => [p.email, p.firstName, p.lastName, p.tags.join('|'), p.city, p.company, money(p.lifetimeValueCents)].map(cell).join(','));
  return ['Email,First name,Last name,Tags,City,Company,Total spent', ...lines].join('\n') + '\n';
}

export const CSV_MAPPING = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  tags: 'Tags',
  lifetimeValue: 'Total spent',
  attributes: { city: 'City', company: 'Company' },
};
