import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process at a time on an embedded (PGlite) data directory: whoever opens it
 * creates `<DATA_DIR>/pglite.lock` exclusively (O_EXCL) and removes it on close.
 * A lock left by a process that no longer runs on this machine is taken over.
 * docs/decisions/033-data-dir-lock-and-local-admin-endpoint.md
 */
export interface LockHolder {
  pid: number;
  host: string;
  /** What holds it: "server" (npm start) or "cli". */
  role: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `${holder.role === 'server' ? 'เซิร์ฟเวอร์ (npm start)' : 'คำสั่งอื่น'} pid ${holder.pid}` +
        `${holder.host !== hostname() ? ` บนเครื่อง ${holder.host}` : ''}`
      : 'อีกโปรเซสหนึ่ง';
    super(
      `ฐานข้อมูลใน ${dataDir} กำลังถูกใช้โดย${who}: เปิดพร้อมกันสองโปรเซสไม่ได้ (ข้อมูลอาจเสียหาย)\n` +
        `วิธีแก้: รันคำสั่งขณะเซิร์ฟเวอร์ทำงานอยู่ (คำสั่งจะส่งผ่านเซิร์ฟเวอร์ให้เอง) หรือหยุดเซิร์ฟเวอร์ก่อน ` +
        `หรือใช้ DATABASE_URL (PostgreSQL) ซึ่งใช้ได้หลายโปรเซสพร้อมกัน\n` +
        `(The PGlite data directory ${dataDir} is locked by ${holder ? `${holder.role} pid ${holder.pid}` : 'another process'}: ` +
        `${join(dataDir, 'pglite.lock')}.)`,
    );
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export function lockFile(dataDir: string): string {
  return join(dataDir, 'pglite.lock');
}

/** Reads who holds the directory, or null when nobody does (or the holder has gone). */
export function readLockHolder(dataDir: string): LockHolder | null {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(lockFile(dataDir), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
  return isAlive(holder) ? holder : null;
}

function isAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true; // can't tell: assume it runs
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const held = new Set<string>();
let exitHook = false;

/** Takes the directory's lock or throws DataDirLockedError. */
export function acquireDataDirLock(dataDir: string, role = 'cli'): DataDirLock {
  const file = lockFile(dataDir);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    role,
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockHolder | null = null;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
      } catch {
        // Being written this instant, or garbage: treat as held once, then as stale.
        if (attempt === 0) continue;
      }
      if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      if (attempt > 2) throw new DataDirLockedError(dataDir, holder);
      try {
        unlinkSync(file); // stale: its process is gone
      } catch {
        /* someone else removed it first */
      }
    }
  }
  held.add(file);
  if (!exitHook) {
    exitHook = true;
    // A process that exits without closing (Ctrl-C) still frees the directory.
    process.once('exit', () => {
      for (const f of held) removeIfMine(f);
    });
  }
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      held.delete(file);
      removeIfMine(file);
    },
  };
}

function removeIfMine(file: string): void {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    if (h.pid === process.pid && h.host === hostname()) unlinkSync(file);
  } catch {
    /* already gone */
  }
}
