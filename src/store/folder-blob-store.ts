/**
 * The blob store as a folder: SQLite's default, the data folder as the Kamer's files have
 * always been kept there (`<data>/files/<Categorie>/<ab>/<guid>.v<n>.<ext>`), so existing data
 * folders read on unchanged. A key is a relative path; writes go to a temporary file beside
 * the target, are flushed, then renamed over it (a reader sees the old file or the new).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { BLOB_CHUNK_BYTES, blobKey, chunksOf, type BlobInfo, type BlobStore, type OpenBlob } from './blob-store.js';

const isMissing = (e: unknown) => (e as { code?: string }).code === 'ENOENT';

export class FolderBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The key's file, refusing one outside the folder (defence in depth behind `blobKey`). */
  private pathOf(key: string): string {
    const full = resolve(this.root, blobKey(key));
    if (!full.startsWith(this.root + sep)) throw new RangeError(`${key} ligt buiten de datamap`);
    return full;
  }

  async put(key: string, data: Uint8Array | AsyncIterable<Uint8Array>, options: { contentType?: string } = {}): Promise<BlobInfo> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // A name of its own per writer: two writers of one key never share a temporary file.
    // `.partial` ends no key's last segment that our code builds, and `blobKey` refuses a leading dot.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.partial`;
    let size = 0;
    const fh = await open(tmp, 'w');
    try {
      for await (const chunk of chunksOf(data)) {
        await fh.write(chunk);
        size += chunk.byteLength;
      }
      await fh.datasync();
    } catch (e) {
      await fh.close().catch(() => {});
      await unlink(tmp).catch(() => {});
      throw e;
    }
    await fh.close();
    await rename(tmp, path);
    return { size, contentType: options.contentType ?? null };
  }

  async open(key: string): Promise<OpenBlob | null> {
    const path = this.pathOf(key);
    let fh;
    try {
      fh = await open(path, 'r');
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
    // Size and stream from one open file: a rename over the path meanwhile changes neither.
    const { size } = await fh.stat();
    return { size, contentType: null, stream: createReadStream('', { fd: fh, highWaterMark: BLOB_CHUNK_BYTES }) };
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }

  async remove(key: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(key));
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }
}
