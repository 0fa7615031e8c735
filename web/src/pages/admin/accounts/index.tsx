/** 系统管理 → 账号管理: the system administrator (every organisation) or an agency head (its own agency). */
import { Card } from 'antd';
import { useSession } from '../../../session/session';
import { AccountsTable } from './accounts-table';

export default function AccountsPage() {
  const { access, user } = useSession();
  return (
    <Card title={access.isSysadmin ? '账号管理' : `账号管理 · ${user?.orgName ?? ''}`}>
      <AccountsTable />
    </Card>
  );
}
