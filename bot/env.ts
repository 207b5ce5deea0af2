import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else gets an `Env` object.
 * A secret that is set but empty stops the start with a message naming it: an empty
 * HMAC key would sign anything.
 */
const emptyIsUnset = (v: unknown) => (v === '' ? undefined : v);
const secret = (name: string, min = 1) =>
  z
    .string()
    .refine((v) => v.trim().length >= min, {
      message: `${name} is set but ${min > 1 ? `shorter than ${min} characters` : 'empty'}`,
    })
    .optional();

const url = z.url({ protocol: /^https?$/ });

export const envSchema = z
  .object({
    PORT: z.preprocess(emptyIsUnset, z.coerce.number().int().min(0).max(65535).default(8787)),
    DATABASE_URL: z.preprocess(emptyIsUnset, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DATA_DIR: z.preprocess(emptyIsUnset, z.string().default('./data')),
    /**
     * Simulator mode: write demo survey answers into the demo organisation on its first start, so
     * the half-year report has figures (db/demo-answers.ts). `0` leaves them out (the tests do).
     */
    DEMO_SURVEY_ANSWERS: z.preprocess(emptyIsUnset, z.enum(['0', '1']).default('1')),
    LINE_CHANNEL_SECRET: secret('LINE_CHANNEL_SECRET'),
    LINE_CHANNEL_ACCESS_TOKEN: secret('LINE_CHANNEL_ACCESS_TOKEN'),
    LINE_API_BASE_URL: z.preprocess(emptyIsUnset, url.default('https://api.line.me')),
    LINE_DATA_API_BASE_URL: z.preprocess(emptyIsUnset, url.default('https://api-data.line.me')),
    LIFF_ID: z.preprocess(emptyIsUnset, z.string().optional()),
    APP_SECRET: secret('APP_SECRET', 32),
    DEFAULT_ORG_SLUG: z.preprocess(
      emptyIsUnset,
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'DEFAULT_ORG_SLUG must be lowercase letters, digits, -')
        .default('demo'),
    ),
    /** The address people and LINE reach this server at; printed URLs use it. */
    PUBLIC_BASE_URL: z.preprocess(emptyIsUnset, url.optional()),
    OUTBOX_MAX_ATTEMPTS: z.preprocess(
      emptyIsUnset,
      z.coerce.number().int().min(1).max(50).default(8),
    ),
    /** Days after which sent/given-up outbox rows and processed inbox events are deleted. */
    PIPELINE_RETENTION_DAYS: z.preprocess(
      emptyIsUnset,
      z.coerce.number().int().min(1).max(3650).default(90),
    ),
    /**
     * Node on PostgreSQL: worker threads that handle stored LINE events, below the server
     * thread's priority (decision 050); 0 = the server's own thread. PGlite always uses 0.
     */
    INBOX_THREADS: z.preprocess(emptyIsUnset, z.coerce.number().int().min(0).max(16).default(1)),
    /**
     * Whether forwarding headers tell the client's address and host (decision 021): unset or
     * `0` = no, the socket's address counts (Node listening directly); `1`..`5` = that many
     * proxies in front, X-Forwarded-For read from the right and X-Forwarded-Host trusted;
     * `cloudflare` = Cloudflare in front of Node, its `cf-connecting-ip`. On Workers the
     * platform's `cf-connecting-ip` is always used.
     */
    TRUST_PROXY: z.preprocess(
      (v) => (v === '' || v === undefined || v === 'false' ? '0' : v === 'true' ? '1' : v),
      z.union([
        z.literal('cloudflare'),
        z.coerce
          .number({ error: 'TRUST_PROXY must be 0-5 or cloudflare' })
          .int()
          .min(0, 'TRUST_PROXY must be 0-5 or cloudflare')
          .max(5, 'TRUST_PROXY must be 0-5 or cloudflare'),
      ]),
    ),
    /**
     * Who may frame the public views meant for embedding (`?embed=1` under /public/:org/):
     * `*` (default) or space-separated origins, e.g. `https://www.example.go.th`. Every other
     * page refuses framing (bot/http/security-headers.ts).
     */
    PUBLIC_EMBED_ANCESTORS: z.preprocess(
      emptyIsUnset,
      z
        .string()
        .regex(
          /^(\*|https?:\/\/[^\s;,']+( https?:\/\/[^\s;,']+)*)$/,
          'PUBLIC_EMBED_ANCESTORS must be * or space-separated origins',
        )
        .default('*'),
    ),
    LOG_LEVEL: z.preprocess(
      emptyIsUnset,
      z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    ),
  })
  .refine((e) => Boolean(e.LINE_CHANNEL_SECRET) === Boolean(e.LINE_CHANNEL_ACCESS_TOKEN), {
    message: 'LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN must be set together',
    path: ['LINE_CHANNEL_ACCESS_TOKEN'],
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the given variables (process.env on Node, bindings on Workers) or throws EnvError. */
export function parseEnv(source: Record<string, unknown>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}

/** Simulator mode: the default organisation has no LINE credentials, so a fake LINE runs in-process. */
export function isSimulatorMode(env: Env): boolean {
  return !env.LINE_CHANNEL_SECRET;
}
