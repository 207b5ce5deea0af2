// The bindings the workerd suite sees (wrangler.toml plus vitest.workers.config.ts).
declare namespace Cloudflare {
  interface Env {
    HYPERDRIVE: Hyperdrive;
    PHOTOS: R2Bucket;
    APP_SECRET: string;
    LINE_CHANNEL_SECRET: string;
    LINE_CHANNEL_ACCESS_TOKEN: string;
    DEFAULT_ORG_SLUG: string;
    LINE_API_BASE_URL: string;
  }
  interface GlobalProps {
    mainModule: typeof import('../../bot/entry.worker');
  }
}
