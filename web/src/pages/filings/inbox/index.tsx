/**
 * 备案: the administrative department's inbox of what the agencies of its territory filed —
 * 评估结果 (云医保〔2022〕6号 第十四条(三)) and 签订情况 (第十九条) — read-only, with the
 * acknowledgement of receipt. The territory's statistics have their own page (辖区统计, /statistics).
 */
import { Card } from 'antd';
import { FilingsTable } from './components/filings-table';

export default function FilingsInboxPage() {
  return (
    <Card title="备案">
      <FilingsTable />
    </Card>
  );
}
