/**
 * Intent accuracy per class, for tuning the lexicon and categories' keywords
 * (shared/conversation/lexicon.ts, db/seed/demo-org.json). Prints the tuning rows
 * (tests/fixtures/intents.json) and the held-out rows written after tuning
 * (tests/fixtures/intents-heldout.json) separately. Not timed: accuracy only.
 *
 *   npm run bench:intent            # both tables
 *   npm run bench:intent -- --misses  # also list each miss
 */
import { classify, INTENTS } from '../../shared/conversation/intent';
import { demoIntentModel, loadIntentRows, type IntentRow } from '../helpers/intent-model';

const model = demoIntentModel();
const showMisses = process.argv.includes('--misses');

function table(title: string, rows: IntentRow[]) {
  const per = new Map<string, { n: number; ok: number; cat: number; catOk: number }>();
  let ok = 0;
  const misses: string[] = [];
  for (const row of rows) {
    const r = classify(row.text, model);
    const s = per.get(row.intent) ?? { n: 0, ok: 0, cat: 0, catOk: 0 };
    s.n++;
    if (r.intent === row.intent) {
      s.ok++;
      ok++;
    } else misses.push(`  ${row.intent} → ${r.intent} (${r.confidence})  ${row.text}`);
    if (row.category) {
      s.cat++;
      if (r.category === row.category) s.catOk++;
      else if (r.intent === row.intent)
        misses.push(`  category ${row.category} → ${r.category ?? '-'}  ${row.text}`);
    }
    per.set(row.intent, s);
  }
  console.log(`\n${title}: ${ok}/${rows.length} = ${((100 * ok) / rows.length).toFixed(1)}%`);
  console.log('intent       rows  correct  accuracy  category');
  for (const intent of INTENTS) {
    const s = per.get(intent);
    if (!s) continue;
    const cat = s.cat ? `${s.catOk}/${s.cat}` : '';
    console.log(
      `${intent.padEnd(12)} ${String(s.n).padStart(4)}  ${String(s.ok).padStart(7)}  ${((100 * s.ok) / s.n).toFixed(1).padStart(7)}%  ${cat}`,
    );
  }
  if (showMisses && misses.length) console.log(misses.join('\n'));
}

table('tuning rows (tests/fixtures/intents.json)', loadIntentRows('intents.json'));
table(
  'held-out rows (tests/fixtures/intents-heldout.json)',
  loadIntentRows('intents-heldout.json'),
);
