/** What tests/workerd/global-setup.ts (Node) hands to the tests inside workerd. */
export type WorkerSecrets = Record<
  'APP_SECRET' | 'LINE_CHANNEL_SECRET' | 'LINE_CHANNEL_ACCESS_TOKEN',
  string
>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fresh, migrated test database (the Hyperdrive binding's local connection string). */
    databaseUrl: string;
    /** Base URL of the fake LINE Platform and its /__control API. */
    lineUrl: string;
    /** `triggers.crons` of each wrangler.toml environment. */
    wranglerCrons: Record<string, string[]>;
    workerSecrets: WorkerSecrets;
  }
}
