import { assertPhotoKey, type PhotoStore, type StoredPhoto } from './photos';

/**
 * The part of a Workers R2 bucket binding this store uses, typed here so that the
 * Node type-check needs no Workers globals (`R2Bucket` from @cloudflare/workers-types
 * satisfies it).
 */
export interface R2BucketLike {
  put(
    key: string,
    value: ArrayBuffer | ArrayBufferView,
    options?: { httpMetadata?: { contentType?: string } },
  ): Promise<unknown>;
  get(key: string): Promise<R2ObjectLike | null>;
  delete(key: string): Promise<void>;
}

export interface R2ObjectLike {
  arrayBuffer(): Promise<ArrayBuffer>;
  httpMetadata?: { contentType?: string };
}

/** Workers: photos in an R2 bucket (binding PHOTOS in wrangler.toml), the content type as R2 metadata. */
export class R2PhotoStore implements PhotoStore {
  constructor(private readonly bucket: R2BucketLike) {}

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    assertPhotoKey(key);
    await this.bucket.put(key, bytes, { httpMetadata: { contentType } });
  }

  async get(key: string): Promise<StoredPhoto | null> {
    assertPhotoKey(key);
    const object = await this.bucket.get(key);
    if (!object) return null;
    return {
      bytes: new Uint8Array(await object.arrayBuffer()),
      contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
    };
  }

  async delete(key: string): Promise<void> {
    assertPhotoKey(key);
    await this.bucket.delete(key);
  }
}
