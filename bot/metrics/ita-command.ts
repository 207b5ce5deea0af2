/** `npm run cli -- ita score <file.json> [--format json|text]`: the ITA roll-up of entered scores. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { scoreYears } from '../../shared/metrics/ita';
import { formatItaText } from '../../shared/metrics/ita-text';
import { CliError, type Command } from '../cli';

const score = z.number().min(0).max(100);
/** `{"years": {"2567": {"1": 99.07, …, "10": 100}}}`: years in พ.ศ., indicators 1–10. */
export const ItaInput = z.object({
  years: z
    .record(
      z.string().regex(/^\d{4}$/, 'a year is four digits in พ.ศ., e.g. 2568'),
      z.record(z.string().regex(/^(?:[1-9]|10)$/, 'indicators are 1 to 10'), score),
    )
    .refine((y) => Object.keys(y).length > 0, 'give at least one year'),
});

export const itaCommand: Command = {
  usage: 'ita score <file.json> [--format json|text]',
  summary:
    'ITA roll-up of official scores {"years": {"2568": {"1": 99.07, …, "10": 100}}}: ' +
    'IIT/EIT/OIT, overall, grades, target, weak points and year-over-year change',
  async run(args, io) {
    for (const f of args.flags.keys())
      if (f !== 'format') throw new CliError(`unknown option --${f}`, true);
    const format = args.flags.get('format') ?? 'json';
    if (format !== 'json' && format !== 'text')
      throw new CliError('--format is json or text', true);
    const [file, ...rest] = args.positional;
    if (!file || rest.length) throw new CliError('give exactly one JSON file', true);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8'));
    } catch (e) {
      throw new CliError(
        `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    const parsed = ItaInput.safeParse(data);
    if (!parsed.success)
      throw new CliError(
        `${file}: ` +
          parsed.error.issues
            .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
            .join('; '),
      );
    const report = scoreYears(parsed.data.years);
    io.out(format === 'text' ? formatItaText(report) : JSON.stringify(report, null, 2));
    if (report.errors.length)
      throw new CliError(
        report.errors
          .map((e) => `${e.year}: missing indicators ${e.error.indicators.join(', ')}`)
          .join('; '),
      );
  },
};
