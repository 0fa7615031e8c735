import fs from 'node:fs';
import path from 'node:path';

export interface DirLock {
  release(): void;
}

export class DataDirLockedError extends Error {}

/**
 * An exclusive lock on a data folder: a lock file created with O_EXCL holding
 * our pid. A lock left by a dead process (crash, kill -9) is taken over.
 */
export function acquireDirLock(dir: string): DirLock {
  const file = path.join(dir, 'dingdian.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `数据目录 ${path.resolve(dir)} 已被另一个 dingdian 进程 (pid ${holder}) 使用。` +
            `嵌入式数据库不能被两个进程同时打开，否则会丢失写入。请先停止该进程，或用 DATA_DIR 指定另一个目录。`,
        );
      }
      if (holder === process.pid) {
        throw new DataDirLockedError(`数据目录 ${path.resolve(dir)} 已在本进程中打开`);
      }
      fs.unlinkSync(file); // stale lock
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 ${path.resolve(dir)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
