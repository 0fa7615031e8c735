/**
 * 政策模拟 (what-if): the campaign's agreements screened again under another profile or changed
 * parameters, nothing written — the counts side by side (a chart), and the agreements whose outcome
 * changes with the rule that made the difference.
 */
import { lazy, Suspense, useState } from 'react';
import { App, Button, Card, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { describeError } from '../../../../api/error-display';
import { downloadWhatIf, renewalApi, type CampaignProgress, type WhatIfBody, type WhatIfResult } from '../../../../api/renewal-endpoints';

const GroupedBars = lazy(() => import('../../../../components/bar-chart'));

const PROFILES = [
  { value: 'yunnan', label: '云南（云医保〔2022〕6号）' }, { value: 'beijing', label: '北京（京医保发〔2021〕30号）' },
  { value: 'jilin', label: '吉林（吉医保规〔2023〕1号）' }, { value: 'zizhiqu-2025-draft', label: '自治区2025征求意见稿' }, { value: 'national', label: '国家（令第2号、第3号）' },
];
const OUT: Record<string, string> = { renew: '续签', defer: '缓签', not_renew: '不再签订', manual: '需人工核定' };
const KEYS = ['renew', 'defer', 'not_renew', 'manual'] as const;

interface Form { profileId?: string; settlementAbsentYears?: number; disabled?: string[] }

export function WhatIfPanel({ campaignId, progress }: { campaignId: string; progress: CampaignProgress }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<WhatIfResult | null>(null);
  // the variant the shown result answers: the Excel exports exactly that one, not the form's unsaved edits
  const [shown, setShown] = useState<WhatIfBody | null>(null);
  const run = async (v: Form) => {
    setBusy(true);
    try {
      const body: WhatIfBody = {
        ...(v.profileId ? { profileId: v.profileId as never } : {}),
        params: { ...(v.settlementAbsentYears ? { settlementAbsentYears: v.settlementAbsentYears } : {}), ...(v.disabled?.length ? { disabled: v.disabled } : {}) },
      };
      setResult(await renewalApi.whatIf(campaignId, body));
      setShown(body);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="政策模拟" data-testid="what-if">
      <Typography.Paragraph type="secondary">
        按另一政策配置或调整后的参数重新筛查本次续签的全部协议，与当前筛查结果对比。模拟不改变任何协议和核定结果。
      </Typography.Paragraph>
      <Form<Form> layout="inline" onFinish={(v) => void run(v)}>
        <Form.Item name="profileId" label="政策配置">
          <Select aria-label="政策配置" allowClear placeholder={`当前（${progress.campaign.profileId}）`} options={PROFILES} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="settlementAbsentYears" label="连续未发生结算年数">
          <InputNumber aria-label="连续未发生结算年数" min={1} max={5} placeholder={String(progress.campaign.params.settlementAbsentYears ?? 1)} />
        </Form.Item>
        <Form.Item name="disabled" label="停用规则">
          <Select
            aria-label="停用规则" mode="multiple" allowClear style={{ minWidth: 280 }} placeholder="不停用"
            options={progress.rules.map((r) => ({ value: r.id, label: `${r.label} ${r.citation.split(' ').pop() ?? ''}` }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>模拟</Button>
      </Form>
      {result && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Suspense fallback={null}>
            <GroupedBars
              categories={KEYS.map((k) => OUT[k]!)}
              series={[
                { name: `当前（${result.profiles.baseline}）`, data: KEYS.map((k) => result.counts.baseline[k]) },
                { name: `模拟（${result.profiles.variant}）`, data: KEYS.map((k) => result.counts.variant[k]) },
              ]}
            />
          </Suspense>
          <Space>
            <Typography.Text data-testid="what-if-changed">结果变化的协议：{result.changed} 份</Typography.Text>
            {shown && (
              <Button icon={<DownloadOutlined />} onClick={() => void downloadWhatIf(campaignId, shown).catch((e: unknown) => message.error(describeError(e)))}>
                导出 Excel
              </Button>
            )}
          </Space>
          <Table
            rowKey="agreementId" size="small" dataSource={result.changes} pagination={{ pageSize: 10 }}
            columns={[
              { title: '医药机构', dataIndex: 'institutionName' },
              { title: '当前', dataIndex: 'from', render: (v: string) => <Tag>{OUT[v]}</Tag> },
              { title: '模拟', dataIndex: 'to', render: (v: string) => <Tag color="blue">{OUT[v]}</Tag> },
              {
                title: '差异原因', key: 'because',
                render: (_: unknown, r: WhatIfResult['changes'][number]) => r.because.map((b) => (
                  <div key={b.ruleId + b.in}>{b.in === 'baseline' ? '仅当前：' : '仅模拟：'}{b.message}<Typography.Text type="secondary">（{b.citation}）</Typography.Text></div>
                )),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
