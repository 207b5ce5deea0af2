import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskPhotoStore } from './disk-photo-store';
import { photoStoreContract } from './photos.contract';

describe('DiskPhotoStore', () => {
  let dir: string;
  let store: DiskPhotoStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fs-photos-'));
    store = new DiskPhotoStore(join(dir, 'photos'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  photoStoreContract(() => store);

  it('keeps files under its folder, with no temporary files left behind', async () => {
    await store.put('org-x/case-9/1.jpg', new Uint8Array([1]), 'image/jpeg');
    expect((await readdir(join(dir, 'photos', 'org-x', 'case-9'))).sort()).toEqual([
      '1.jpg',
      '1.jpg.meta',
    ]);
  });
});
