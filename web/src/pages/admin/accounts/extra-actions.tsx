/**
 * The place for further per-account actions on the account pages — e.g. 关联统一身份认证账号 (single
 * sign-on links, issue #9's OIDC part). Renders nothing today; an addition goes here, not into the table.
 */
import type { AccountRow } from '../../../api/account-endpoints';

export function AccountExtraActions(_props: { account: AccountRow; onChanged: () => void }) {
  return null;
}
