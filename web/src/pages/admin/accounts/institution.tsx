/** 本机构账号: the institution's own administrator manages its staff accounts and the legal representative's link. */
import { Card } from 'antd';
import { useSession } from '../../../session/session';
import { AccountsTable } from './accounts-table';

export default function InstitutionAccountsPage() {
  const { user } = useSession();
  return (
    <Card title={`本机构账号 · ${user?.orgName ?? ''}`}>
      <AccountsTable institution />
    </Card>
  );
}
