// A worker thread of bot/pipeline/workers.ts: TypeScript through tsx, as `npm start` runs.
import { register } from 'tsx/esm/api';

register();
await import('./worker-thread.ts');
