import type { AbTestConfig, CampaignCategory, ContentBlock } from '@/lib/db/schema';

/**
 * A year of the demo roaster's mail: a newsletter every month and promotions in between, one of
 * them an A/B test on the subject. `daysAgo` places the send; factors scale the people's own
 * open and click chances (promotions are opened a little less and clicked more).
 */
export type DemoAudience = 'all' | 'vip' | 'b2b';

export interface PlannedCampaign {
  key: string;
  name: string;
  category: CampaignCategory;
  audienceKind: 'b2b' | 'b2c';
  audience: DemoAudience;
  daysAgo: number;
  /** Hour of day (UTC) the send starts. */
  hour: number;
  subject: string;
  previewText: string;
  blocks: ContentBlock[];
  openFactor: number;
  clickFactor: number;
  abTest?: AbTestConfig & { clickFactorByVariant: Record<string, number> };
}

const SHOP = 'https://shop.example.com';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const NEWSLETTER_TOPICS = [
  ['Meet the farmers of our Huila lot', 'From Colombia to your cup'],
  ['Five ways to dial in your grinder', 'Better espresso in ten minutes'],
  ['Our new roastery is open', 'Come by for a free cupping'],
  ['Cold brew season starts now', 'Our recipe, step by step'],
  ['Why we roast lighter than you think', 'A look behind the roaster'],
  ['Water matters more than beans', 'The chemistry of a good cup'],
  ['Ethiopia harvest report', 'Yirgacheffe is back'],
  ['How to store coffee at home', 'Spoiler: not in the freezer'],
  ['Latte art for beginners', 'Hearts, tulips and rosettas'],
  ['Decaf that tastes like coffee', 'Swiss Water process explained'],
  ['A year of direct trade', 'What your purchases paid for'],
  ['Winter blends are here', 'Chocolate, spice and everything nice'],
] as const;

const body = (heading: string, text: string, cta: string, path: string): ContentBlock[] => [
  { type: 'heading', text: heading },
  { type: 'text', text },
  { type: 'button', text: cta, url: `${SHOP}${path}` },
  { type: 'divider' },
  { type: 'text', text: 'Questions? Just reply to this mail, a real roaster reads it.' },
  { type: 'button', text: 'Visit the shop', url: `${SHOP}/` },
];

/** Months are named after the date the newsletter goes out, so the history reads right whenever the demo starts. */
export function planCampaigns(now: Date): PlannedCampaign[] {
  const newsletters: PlannedCampaign[] = NEWSLETTER_TOPICS.map(([title, preview], i) => {
    const daysAgo = 355 - i * 30;
    const month = MONTHS[new Date(now.getTime() - daysAgo * 86_400_000).getUTCMonth()];
    return {
      key: `newsletter-${i + 1}`,
      name: `${month} newsletter`,
      category: 'newsletter',
      audienceKind: 'b2c',
      audience: 'all',
      daysAgo,
      hour: 8,
      subject: title,
      previewText: preview,
      blocks: body(title, `${preview}. This month at Demo Coffee Roasters: stories from the farms, brewing tips and what is new in the shop.`, 'Read the story', `/journal/${i + 1}`),
      openFactor: 1,
      clickFactor: 1,
    };
  });
  const promo = (key: string, name: string, daysAgo: number, subject: string, preview: string, path: string, extra: Partial<PlannedCampaign> = {}): PlannedCampaign => ({
    key,
    name,
    category: 'promotional',
    audienceKind: 'b2c',
    audience: 'all',
    daysAgo,
    hour: 17,
    subject,
    previewText: preview,
    blocks: body(subject, `${preview}. Only while stocks last.`, 'Shop now', path),
    openFactor: 0.9,
    clickFactor: 1.3,
    ...extra,
  });
  const promotions: PlannedCampaign[] = [
    promo('flash-sale', 'Flash sale: single origins', 312, '48 hours: 20 % off single origins', 'Our whole single-origin range', '/sale'),
    promo('cold-brew-kit', 'Cold brew kit launch', 243, 'The cold brew kit is here', 'Everything you need for summer', '/cold-brew-kit'),
    promo('office-bundles', 'Office coffee bundles', 190, 'Coffee your whole office will like', 'Bundles for teams of 5 to 50', '/office', {
      audience: 'b2b',
      audienceKind: 'b2b',
      hour: 9,
    }),
    promo('reserve', "Roaster's reserve for VIPs", 132, 'A private lot, only for you', '30 bags of our best Geisha', '/reserve', {
      audience: 'vip',
      openFactor: 1.4,
      clickFactor: 1.8,
    }),
    promo('gift-boxes', 'Gift boxes', 73, 'Gift boxes for coffee lovers', 'Wrapped, with a card, sent for you', '/gifts'),
    promo('subscribe-ab', 'Subscribe & save (A/B test)', 12, 'Never run out of coffee', 'Fresh beans every month', '/subscribe', {
      abTest: {
        variable: 'subject',
        variants: [
          { key: 'A', value: 'Never run out of coffee' },
          { key: 'B', value: 'Your first bag free when you subscribe' },
        ],
        testPct: 100,
        metric: 'click',
        sendWinnerToRest: true,
        // A gap wide enough that any split of the audience (contact ids are random) shows a significant winner.
        clickFactorByVariant: { A: 0.5, B: 2.4 },
      },
    }),
  ];
  return [...newsletters, ...promotions].sort((a, b) => b.daysAgo - a.daysAgo);
}

/** The campaign as the editor would save it (what `createCampaign` takes, minus the audience id). */
export function abConfig(c: PlannedCampaign): AbTestConfig | null {
  if (!c.abTest) return null;
  const { variable, variants, testPct, metric, sendWinnerToRest } = c.abTest;
  return { variable, variants, testPct, metric, sendWinnerToRest };
}
