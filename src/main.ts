import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { DataDirLockedError } from './db/dir-lock';
import { SandboxClock, systemClock } from './domain/clock/clock';
import { buildApp } from './server/app';
import { startSweeper } from './designation/sweep-deadlines';
import { startDeliverer } from './outbox/deliver';
import { WEB_DIST } from './server/web';
import { seedDemoIfEmpty } from './seed/demo';
import { seedRegions } from './seed/regions';
import { seedCalendar } from './seed/calendar-seed';
import { loadSandboxOffset } from './db/settings-repo';
import { startCheckpointing } from './audit/checkpoints';
import { loadAnchor } from './audit/anchor';
import { demoAccountsWithPublishedPassword, demoPasswordRefusal } from './seed/demo-guard';
import { createInitialAdmin, initialAdminNotice } from './accounts/create-initial-admin';
import { markInterruptedImports } from './registry-import/job-housekeeping';

/** `npm start`: embedded PGlite in ./data (or DATABASE_URL), demo data on first run, web app, API. */
async function main() {
  const config = loadConfig();
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')) && config.NODE_ENV !== 'production') {
    console.log('首次启动：正在构建网页端 (vite build)…');
    const { build } = await import('vite');
    await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn' });
  }
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  const clock = config.SANDBOX ? new SandboxClock(systemClock, await loadSandboxOffset(database.db)) : systemClock;
  const ctx = { database, db: database.db, clock, config };
  // Reference data every deployment needs, demo or not: GB/T 2260 divisions and the statutory
  // calendar 2004–2026. Both are idempotent (existing rows, incl. years an administrator entered, stay).
  await seedRegions(database.db);
  await seedCalendar(ctx);
  if (config.SEED_DEMO && (await seedDemoIfEmpty(ctx))) console.log('已写入演示数据 (demo data seeded)');
  // a database without any account (SEED_DEMO=0): one system administrator, password printed once (issue #9)
  const initialAdmin = await createInitialAdmin(ctx, { password: config.ADMIN_INITIAL_PASSWORD, username: config.ADMIN_USERNAME });
  if (initialAdmin) console.log(initialAdminNotice(initialAdmin));
  if (config.NODE_ENV === 'production') {
    const open = await demoAccountsWithPublishedPassword(database.db);
    if (open.length > 0) {
      await database.close();
      throw new Error(demoPasswordRefusal(open));
    }
  }
  // an import that ran when the server stopped wrote nothing (one transaction): say so on its job (decision 0029)
  const interrupted = await markInterruptedImports(ctx);
  if (interrupted.length) console.log(`${interrupted.length} 个导入任务因服务重启而中断，已标记为“已中断”`);
  const app = await buildApp(ctx, { logger: config.NODE_ENV !== 'test', serveWeb: true });
  await app.listen({ host: config.HOST, port: config.PORT });
  // deadlines are rows; a sweep turns the due ones into events (e.g. 逾期未签订 → 视为自动放弃)
  const stopSweeper = startSweeper(app);
  // the outbox to the settlement side's subscribers: signed webhooks, retried, leased across nodes (decision 0033)
  const stopDeliverer = startDeliverer(app);
  // signed checkpoints of the audit log, their key outside the database (decision 0021)
  const stopCheckpoints = startCheckpointing(database.db, loadAnchor(config), () => systemClock.now(), config.AUDIT_CHECKPOINT_MINUTES);
  console.log(`dingdian 已启动: http://${config.HOST}:${config.PORT}/  (数据库: ${database.driver})`);
  const stop = async () => {
    stopSweeper();
    stopDeliverer();
    stopCheckpoints();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  if (e instanceof DataDirLockedError) {
    console.error(`无法启动：${e.message}`);
    process.exit(2);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
