import { afterAll, describe, expect, it } from 'vitest';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireDirLock, DataDirLockedError } from './dir-lock';
import { openDatabase } from './client';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmpDirs: string[] = [];
const children: ChildProcess[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-lock-'));
  tmpDirs.push(d);
  return d;
};
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A live process that does nothing (its pid is what a lock file would hold). */
function idleChild(): ChildProcess {
  const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(c);
  return c;
}
const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

/** Runs `npm run audit:verify`'s script against a PGlite folder. */
function runVerifyCli(dataDir: string): Promise<{ code: number; out: string }> {
  const env = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: '0', SANDBOX: '0' } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/audit-verify.ts')], { env, cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe('data folder lock', () => {
  it('refuses a folder locked by another live process, naming its pid', () => {
    const dir = tmp();
    const holder = idleChild();
    fs.writeFileSync(path.join(dir, 'dingdian.lock'), String(holder.pid));
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDirLock(dir)).toThrow(new RegExp(`已被另一个 dingdian 进程 \\(pid ${holder.pid}\\) 使用`));
    expect(fs.readFileSync(path.join(dir, 'dingdian.lock'), 'utf8')).toBe(String(holder.pid));
    holder.kill('SIGKILL');
  });

  it('takes over a stale lock left by a dead process, and releases it', async () => {
    const dir = tmp();
    const dead = idleChild();
    const pid = dead.pid!;
    dead.kill('SIGKILL');
    await exited(dead);
    fs.writeFileSync(path.join(dir, 'dingdian.lock'), String(pid));
    const lock = acquireDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'dingdian.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => acquireDirLock(dir)).toThrow(/已在本进程中打开/);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'dingdian.lock'))).toBe(false);
  });

  it('refuses openDatabase (and the audit:verify CLI) on a PGlite folder another process has open', async () => {
    const dir = tmp();
    const script = path.join(dir, 'hold.mts');
    fs.writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(path.join(ROOT, 'src/db/client.ts'))};\n` +
        `await openDatabase({ dataDir: ${JSON.stringify(dir)} });\nconsole.log('ready');\nsetInterval(() => {}, 1000);\n`,
    );
    const holder = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(holder);
    let errText = '';
    holder.stderr!.on('data', (d) => (errText += String(d)));
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
      holder.once('exit', (code) => reject(new Error(`holder exited ${code}: ${errText}`)));
    });

    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(new RegExp(`pid ${holder.pid}`));
    const cli = await runVerifyCli(dir);
    expect(cli.code).toBe(2);
    expect(cli.out).toContain('无法校验');
    expect(cli.out).toContain('GET /api/audit/verify');

    // the holder dies without cleaning up (kill -9): the next process takes the folder over
    holder.kill('SIGKILL');
    await exited(holder);
    const after = await runVerifyCli(dir);
    expect(after.out).toContain('审计链完整：0 行');
    expect(after.code).toBe(0);
  }, 180_000);
});
