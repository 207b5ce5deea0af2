import { expect, it } from 'vitest';
import { PhotoKeyError, type PhotoStore } from './photos';

/**
 * The behaviour every PhotoStore must have. Run against the disk store on Node
 * (disk-photo-store.test.ts) and against the R2 store inside workerd
 * (tests/workerd/photos.test.ts), so both entries store photos the same way.
 */
export function photoStoreContract(store: () => PhotoStore): void {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff]);
  const uid = () => crypto.randomUUID();

  it('stores bytes and content type, and reads them back', async () => {
    const key = `org-${uid()}/case-1/1.jpg`;
    await store().put(key, jpeg, 'image/jpeg');
    const got = await store().get(key);
    expect(got?.contentType).toBe('image/jpeg');
    expect([...got!.bytes]).toEqual([...jpeg]);
  });

  it('answers null for a key it never stored', async () => {
    expect(await store().get(`org-${uid()}/missing.jpg`)).toBeNull();
  });

  it('replaces a photo stored again under the same key', async () => {
    const key = `org-${uid()}/p.png`;
    await store().put(key, jpeg, 'image/jpeg');
    await store().put(key, new Uint8Array([1, 2, 3]), 'image/png');
    const got = await store().get(key);
    expect(got?.contentType).toBe('image/png');
    expect([...got!.bytes]).toEqual([1, 2, 3]);
  });

  it('deletes, and deleting a missing key is not an error', async () => {
    const key = `org-${uid()}/gone.jpg`;
    await store().put(key, jpeg, 'image/jpeg');
    await store().delete(key);
    expect(await store().get(key)).toBeNull();
    await expect(store().delete(key)).resolves.toBeUndefined();
  });

  it('keeps large photos intact (5 MB)', async () => {
    const key = `org-${uid()}/big.jpg`;
    const big = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    await store().put(key, big, 'image/jpeg');
    const got = await store().get(key);
    expect(got?.bytes.byteLength).toBe(big.byteLength);
    expect(got!.bytes[4096 * 7]).toBe((4096 * 7) % 251);
  });

  it.each(['', '../etc/passwd', 'a/../b', '/abs.jpg', 'a//b', 'a\\b', 'x.jpg.meta', '.hidden'])(
    'refuses the key %j',
    async (key) => {
      await expect(store().put(key, jpeg, 'image/jpeg')).rejects.toThrow(PhotoKeyError);
      await expect(store().get(key)).rejects.toThrow(PhotoKeyError);
      await expect(store().delete(key)).rejects.toThrow(PhotoKeyError);
    },
  );
}
