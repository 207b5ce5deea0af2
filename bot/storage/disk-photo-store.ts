import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomHex } from '../../shared/crypto';
import { assertPhotoKey, type PhotoStore, type StoredPhoto } from './photos';

/**
 * Node: photos as files under one folder (DATA_DIR/photos), the content type in a
 * `<file>.meta` beside each. Writes go to a temporary file that is renamed into place,
 * so a reader never sees half a photo.
 */
export class DiskPhotoStore implements PhotoStore {
  constructor(private readonly dir: string) {}

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const file = this.#file(key);
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${randomHex(6)}.tmp`;
    try {
      await writeFile(`${tmp}.meta`, JSON.stringify({ contentType }));
      await writeFile(tmp, bytes);
      await rename(`${tmp}.meta`, `${file}.meta`);
      await rename(tmp, file);
    } finally {
      await rm(tmp, { force: true });
      await rm(`${tmp}.meta`, { force: true });
    }
  }

  async get(key: string): Promise<StoredPhoto | null> {
    const file = this.#file(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let contentType = 'application/octet-stream';
    try {
      contentType = JSON.parse(await readFile(`${file}.meta`, 'utf8')).contentType ?? contentType;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType };
  }

  async delete(key: string): Promise<void> {
    const file = this.#file(key);
    await rm(file, { force: true });
    await rm(`${file}.meta`, { force: true });
  }

  #file(key: string): string {
    assertPhotoKey(key);
    return join(this.dir, ...key.split('/'));
  }
}
