import type { ContentBlock } from '@/lib/db/schema/campaigns';
import type { StepKind } from '@/lib/db/schema/sequences/constants';
import type { Locale } from '@/lib/i18n/config';
import { DEFAULT_STEPS } from '@/lib/metrics/sequences';

/**
 * The default 5-step win-back (PRODUCT.md §7), in the workspace's language. `siteUrl` is where its
 * buttons lead (asked once in the builder). Every mail stays editable in the campaign editor.
 */
export interface StepTemplate {
  kind: StepKind;
  gap: { min: number; max: number };
  subject: string;
  previewText: string;
  blocks: ContentBlock[];
}

type Copy = Record<StepKind, { subject: string; preview: string; heading: string; body: string; cta: string }>;

const EN: Copy = {
  acknowledgement: {
    subject: '{{ first_name | "Hi" }}, we noticed you’ve been away',
    preview: 'It has been {{ days_away }} days — here is what you missed.',
    heading: 'We’ve missed you, {{ first_name | "there" }}',
    body: 'It has been {{ days_away }} days since we last heard from you. No pressure — we just wanted to check in and see if our mail is still useful to you.',
    cta: 'See what’s new',
  },
  valueReminder: {
    subject: 'What you’ve been missing since {{ join_date }}',
    preview: 'A quick reminder of why you joined.',
    heading: 'Here’s what’s new',
    body: 'You joined us on {{ join_date }}. Since then we have added plenty we think you’ll like. Take a look — it only takes a minute.',
    cta: 'Take a look',
  },
  incentive: {
    subject: 'A little something to welcome you back',
    preview: 'An offer just for you, for a limited time.',
    heading: 'A welcome-back gift',
    body: 'To say thanks for being with us, here is an exclusive offer. It is only valid for the next 7 days.',
    cta: 'Claim your offer',
  },
  preferenceUpdate: {
    subject: 'Too much mail? Tell us what you want',
    preview: 'Pick your topics and how often you hear from us.',
    heading: 'Your inbox, your rules',
    body: 'Maybe we wrote too often, or about the wrong things. Choose the topics you care about and how often you want to hear from us — it takes ten seconds.',
    cta: 'Update my preferences',
  },
  lastChance: {
    subject: 'Is this goodbye, {{ first_name | "friend" }}?',
    preview: 'We’ll remove you from our list on {{ sunset_date }} unless you tell us to stay.',
    heading: 'Is this goodbye?',
    body: 'We haven’t heard from you in a while, so we will remove you from our mailing list on {{ sunset_date }}. Want to keep hearing from us? One click is all it takes.',
    cta: 'Yes, keep me subscribed',
  },
};

const NL: Copy = {
  acknowledgement: {
    subject: '{{ first_name | "Hoi" }}, we hebben je een tijdje niet gezien',
    preview: 'Het is {{ days_away }} dagen geleden — dit heb je gemist.',
    heading: 'We hebben je gemist, {{ first_name | "daar" }}',
    body: 'Het is {{ days_away }} dagen geleden dat we iets van je hoorden. Geen druk — we willen alleen even weten of onze mail nog nuttig voor je is.',
    cta: 'Bekijk wat er nieuw is',
  },
  valueReminder: {
    subject: 'Dit heb je gemist sinds {{ join_date }}',
    preview: 'Even een herinnering waarom je je aanmeldde.',
    heading: 'Dit is er nieuw',
    body: 'Je meldde je aan op {{ join_date }}. Sindsdien hebben we veel toegevoegd waarvan we denken dat je het leuk vindt. Kijk even — het kost maar een minuut.',
    cta: 'Neem een kijkje',
  },
  incentive: {
    subject: 'Iets kleins om je terug te verwelkomen',
    preview: 'Een aanbieding speciaal voor jou, voor korte tijd.',
    heading: 'Een welkom-terug-cadeau',
    body: 'Als dank dat je bij ons bent, krijg je een exclusieve aanbieding. Die is alleen de komende 7 dagen geldig.',
    cta: 'Claim je aanbieding',
  },
  preferenceUpdate: {
    subject: 'Te veel mail? Vertel ons wat je wilt',
    preview: 'Kies je onderwerpen en hoe vaak je van ons hoort.',
    heading: 'Jouw inbox, jouw regels',
    body: 'Misschien schreven we te vaak, of over de verkeerde dingen. Kies de onderwerpen die je interesseren en hoe vaak je van ons wilt horen — het kost tien seconden.',
    cta: 'Mijn voorkeuren aanpassen',
  },
  lastChance: {
    subject: 'Is dit een afscheid, {{ first_name | "vriend" }}?',
    preview: 'We halen je op {{ sunset_date }} van onze lijst, tenzij je wilt blijven.',
    heading: 'Is dit een afscheid?',
    body: 'We hebben al een tijd niets van je gehoord, dus we halen je op {{ sunset_date }} van onze mailinglijst. Wil je van ons blijven horen? Eén klik is genoeg.',
    cta: 'Ja, ik wil blijven',
  },
};

export function defaultSequenceTemplate(locale: Locale, siteUrl: string): StepTemplate[] {
  const copy = locale === 'nl' ? NL : EN;
  return DEFAULT_STEPS.map(({ kind, gap }) => {
    const c = copy[kind];
    const action: ContentBlock = kind === 'preferenceUpdate' ? { type: 'preferences', text: c.cta } : { type: 'button', text: c.cta, url: siteUrl };
    return {
      kind,
      gap: { ...gap },
      subject: c.subject,
      previewText: c.preview,
      blocks: [{ type: 'heading', text: c.heading }, { type: 'text', text: c.body }, action],
    };
  });
}
