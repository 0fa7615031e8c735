/**
 * Further per-account actions on the account pages: 统一身份认证 (the platform identities linked to
 * this account; decision 0026). Only the system administrator links identities, so only it sees the
 * button. An addition goes here, not into the table.
 */
import { useState } from 'react';
import { Button, Modal } from 'antd';
import type { AccountRow } from '../../../api/account-endpoints';
import { useSession } from '../../../session/session';
import { IdentityLinks } from '../sso-identities/identity-links';

export function AccountExtraActions({ account }: { account: AccountRow; onChanged: () => void }) {
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  if (!user?.roles.includes('sysadmin')) return null;
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>统一身份认证</Button>
      <Modal title={`统一身份认证关联：${account.username}`} open={open} onCancel={() => setOpen(false)} footer={null} width={760} destroyOnHidden>
        <IdentityLinks account={{ id: account.id, username: account.username }} />
      </Modal>
    </>
  );
}
