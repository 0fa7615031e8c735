import type { AppContext } from '../server/context';

// Placeholder: seeds the demo (云南 + 北京 + 吉林 slices) on an empty database. Filled in by its owner.
export async function seedDemoIfEmpty(_ctx: AppContext): Promise<boolean> {
  return false;
}
