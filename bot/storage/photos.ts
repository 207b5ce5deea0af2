/**
 * Where photos that residents send (a problem report's pictures) are kept.
 * Node keeps them on disk under DATA_DIR/photos (`DiskPhotoStore`), Workers in an
 * R2 bucket (`R2PhotoStore`); the entry files choose, the rest of the app sees only
 * this interface (docs/decisions/011-photo-store.md).
 */
export interface StoredPhoto {
  bytes: Uint8Array;
  contentType: string;
}

export interface PhotoStore {
  /** Stores (or replaces) the photo under `key`. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The photo under `key`, or null when there is none. */
  get(key: string): Promise<StoredPhoto | null>;
  /** Removes the photo under `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export class PhotoKeyError extends Error {
  override name = 'PhotoKeyError';
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Keys are `/`-separated segments of letters, digits, `.`, `_` and `-` (e.g.
 * `<orgId>/<caseId>/1.jpg`), at most 512 characters. Both stores check the same rule,
 * so a key that works on Node works on Workers, and none can climb out of the disk
 * store's folder (`..`, a leading `/`, a backslash or an empty segment are refused).
 */
export function assertPhotoKey(key: string): void {
  const ok =
    key.length > 0 &&
    key.length <= 512 &&
    key.split('/').every((s) => SEGMENT.test(s) && s !== '..' && !s.endsWith('.meta'));
  if (!ok) throw new PhotoKeyError(`invalid photo key ${JSON.stringify(key)}`);
}
