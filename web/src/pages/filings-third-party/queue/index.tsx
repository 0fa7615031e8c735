/**
 * 第三方备案核验 — the agency's queue of third-party filings in its territory (吉医保规〔2023〕1号
 * 第三十三条第二款): verify licence, equipment and staff one by one, then accept or return. The
 * administrative department reads the same list without the actions.
 */
import { Card } from 'antd';
import { useSession } from '../../../session/session';
import { ThirdPartyFilingsTable } from '../components/filings-table';

export default function ThirdPartyFilingQueuePage() {
  const { access } = useSession();
  return (
    <Card title="第三方服务机构备案核验">
      <ThirdPartyFilingsTable verify={access.canVerifyThirdPartyFilings} initialStatus={access.canVerifyThirdPartyFilings ? 'submitted' : undefined} />
    </Card>
  );
}
