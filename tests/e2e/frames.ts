/**
 * A page whose frames stop: seen once in CI (stop 19), a click on a row's button hung its whole 30 s at
 * "waiting for element to be visible, enabled and stable" with nothing after. Playwright's stability check
 * compares the element's box across two `requestAnimationFrame` callbacks, and the log shows it never came
 * back: the page's renderer had stopped producing frames (its DOM, scripts and network were alive — the
 * search before it had been answered). Nothing in the app can cause that, and a longer wait does not end it.
 *
 * So every click (and check, hover …) without its own timeout is tried for 10 s; if it has not happened, we ask whether frames
 * still flow. If they do, the element is really not actionable and the click waits the rest of its budget as
 * before (a real defect still fails). If they do not, we nudge the renderer (bring the page to the front,
 * resize its viewport by a pixel and back, which makes the compositor produce a new frame), and if frames
 * are still stopped we click without the frame-based checks (`force`), saying so on stderr so that a CI log
 * shows it happened.
 */
import type { Locator, Page } from 'playwright-core';

const FIRST_TRY_MS = 10_000;
const REST_MS = 20_000;

/** Whether a `requestAnimationFrame` callback runs within `ms` (timers run without frames: they answer). */
export async function framesFlow(page: Page, ms = 1_500): Promise<boolean> {
  return page.evaluate((wait) => new Promise<boolean>((resolve) => {
    requestAnimationFrame(() => resolve(true));
    setTimeout(() => resolve(false), wait);
  }), ms);
}

/** Tries to restart a stopped renderer; answers whether frames flow afterwards. */
async function nudge(page: Page): Promise<boolean> {
  await page.bringToFront();
  const size = page.viewportSize();
  if (size) {
    await page.setViewportSize({ width: size.width, height: size.height + 1 });
    await page.setViewportSize(size);
  }
  return framesFlow(page);
}

/** The pointer actions whose actionability waits on frames ("stable"); each takes `timeout`, `force` and `trial`. */
const GUARDED = ['click', 'dblclick', 'check', 'uncheck', 'setChecked', 'hover'] as const;
type ActionOptions = { timeout?: number; force?: boolean; trial?: boolean };
type Action = (this: Locator, ...args: unknown[]) => Promise<void>;

/**
 * Wraps those methods of the locator class (not exported: its prototype is taken from a locator) as described
 * above. Installed once per process; an action given its own timeout, `force` or `trial` is left alone.
 */
export function guardClicks(sample: Locator): void {
  const proto = Object.getPrototypeOf(sample) as Record<string, unknown> & { __framesGuarded?: boolean };
  if (proto.__framesGuarded) return;
  proto.__framesGuarded = true;
  for (const name of GUARDED) {
    const original = proto[name] as Action;
    // setChecked(checked, options); the others (options)
    const at = name === 'setChecked' ? 1 : 0;
    proto[name] = async function guarded(this: Locator, ...args: unknown[]) {
      const options = (args[at] ?? {}) as ActionOptions;
      const withOptions = (o: ActionOptions) => { const a = [...args]; a[at] = { ...options, ...o }; return original.apply(this, a); };
      if (options.timeout !== undefined || options.force || options.trial) return original.apply(this, args);
      try {
        return await withOptions({ timeout: FIRST_TRY_MS });
      } catch (e) {
        if (!(e instanceof Error) || e.name !== 'TimeoutError') throw e;
        const page = this.page();
        // a page that navigated meanwhile answers nothing: take it as flowing, the action waits as it always did
        if (await framesFlow(page).catch(() => true)) return withOptions({ timeout: REST_MS });
        const restarted = await nudge(page);
        process.stderr.write(`[e2e] ${page.url()}: the page produced no frames during ${name} on ${String(this)}; `
          + `${restarted ? 'restarted by a viewport nudge' : 'still none after a nudge: acting without the frame checks'}\n`);
        return withOptions(restarted ? { timeout: REST_MS } : { force: true, timeout: REST_MS });
      }
    };
  }
}
