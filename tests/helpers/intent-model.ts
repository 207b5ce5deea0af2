import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntentModel } from '../../shared/conversation/intent';
import { parseIntake } from '../../shared/conversation/intake';
import { parseFaqCsv } from '../../shared/faq/csv';
import { buildFaqIndex, faqLookup, tokensFor } from '../../shared/faq/match';
import type { CategoryView, OrgConfig } from '../../shared/conversation/types';

const ROOT = join(import.meta.dirname, '..', '..');

export interface IntentRow {
  text: string;
  intent: string;
  category?: string;
}

export const loadIntentRows = (file: 'intents.json' | 'intents-heldout.json'): IntentRow[] =>
  JSON.parse(readFileSync(join(ROOT, 'tests/fixtures', file), 'utf8'));

/** The demo organisation's categories (db/seed/demo-org.json) as the engine sees them. */
export function demoCategories(): CategoryView[] {
  const org = JSON.parse(readFileSync(join(ROOT, 'db/seed/demo-org.json'), 'utf8')) as {
    categories: {
      code: string;
      name: string;
      kind: CategoryView['kind'];
      finishDays?: number;
      intake?: unknown;
    }[];
  };
  return org.categories.map((c) => {
    const intake = parseIntake(c.intake);
    return {
      code: c.code,
      name: c.name,
      kind: c.kind,
      finishDays: c.finishDays ?? 15,
      keywords: intake.keywords,
      examples: intake.examples,
      duplicateRadiusM: intake.duplicateRadiusM,
      ...(intake.urgent ? { urgent: { advice: intake.advice, phones: intake.phones } } : {}),
    };
  });
}

/** The demo FAQ (db/seed/faq-demo.csv), ready to match. */
export function demoFaq(): OrgConfig['faq'] {
  const parsed = parseFaqCsv(readFileSync(join(ROOT, 'db/seed/faq-demo.csv'), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return faqLookup(
    buildFaqIndex(
      parsed.rows.map((r) => ({
        extId: r.id,
        question: r.question,
        variants: r.variants,
        answer: r.answer,
        links: r.links,
        quickReplies: r.quickReplies,
        tokens: tokensFor(r.question, r.variants),
      })),
    ),
  );
}

/** The classifier's model for the demo organisation. */
export function demoIntentModel(): IntentModel {
  const faq = demoFaq();
  return {
    categories: demoCategories().filter((c) => c.kind === 'service_request'),
    faq: (t) => faq.match(t).kind,
  };
}
