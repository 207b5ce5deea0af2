import { env } from 'cloudflare:workers';
import { describe } from 'vitest';
import { photoStoreContract } from '../../bot/storage/photos.contract';
import { R2PhotoStore } from '../../bot/storage/r2-photo-store';

describe('R2PhotoStore inside workerd (miniflare R2 binding PHOTOS)', () => {
  photoStoreContract(() => new R2PhotoStore(env.PHOTOS));
});
