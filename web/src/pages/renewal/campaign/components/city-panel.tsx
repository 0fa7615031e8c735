/**
 * 报市 and 市级协商谈判 (京医保发〔2021〕30号 第四十一条, decision 0057), shown only where the profile has the city step.
 * The district: 报市 once every item is decided — the button is disabled while the rule refuses, with every reason
 * and its article under it. The city: once reported, 批量协商谈判 by the district's decision and region, after
 * confirming the count (each item's 市级协商谈判 is in the table's 操作 column).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Modal, Select, Space, Typography } from 'antd';
import { renewalApi, type CampaignProgress } from '../../../../api/renewal-endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { NegotiateModal, type NegotiateValues } from './negotiate-modal';
import { chinaDay } from '../../../../utils/china-date';

const DECISIONS = [{ value: 'renew', label: '续签' }, { value: 'defer', label: '缓签' }, { value: 'not_renew', label: '不再签订' }] as const;
type DecisionValue = (typeof DECISIONS)[number]['value'];

export function CityPanel({ progress, isCity, canAct, run, fail }: {
  progress: CampaignProgress;
  /** the user's agency is above the district (the municipality's) */
  isCity: boolean;
  canAct: boolean;
  run: (f: () => Promise<unknown>, done: string) => Promise<void>;
  fail: (e: unknown) => void;
}) {
  const c = progress.campaign;
  const { message } = App.useApp();
  const check = useRequest(() => renewalApi.reportCheck(c.id), [c.id, c.version, progress.progress.undecided]);
  const [decided, setDecided] = useState<DecisionValue | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [bulk, setBulk] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  if (!c.cityStep) return null;

  const startBulk = async () => {
    const n = (await renewalApi.items(c.id, { state: 'decided', decided, regionCode, page: 1, pageSize: 1 })).total;
    if (n === 0) return void message.info('没有符合条件的待协商谈判事项');
    setBulk(n);
  };
  const onBulk = (v: NegotiateValues) => {
    const n = bulk;
    if (!n) return;
    Modal.confirm({
      title: `批量市级协商谈判 ${n} 项为「${DECISIONS.find((d) => d.value === v.outcome)?.label}」？`,
      content: `协商谈判情况：${v.note}`,
      okText: `确定 ${n} 项`,
      onOk: async () => {
        setBusy(true);
        await run(() => renewalApi.bulkNegotiate(c.id, { filter: { decided, regionCode }, expectedCount: n, ...v }), `已批量协商谈判 ${n} 项`);
        setBusy(false);
        setBulk(null);
      },
    });
  };

  const reported = c.reportedAt ? `已于 ${chinaDay(c.reportedAt)} 报市经办机构` : null;
  return (
    <Card title="报市经办机构与市级协商谈判" data-testid="renewal-city">
      <Typography.Paragraph type="secondary">
        区经办机构统一组织续签，并将相关信息报市经办机构；市经办机构与定点医疗机构就续签协商谈判，协商一致的可续签，未达成一致的协议到期后自动终止（京医保发〔2021〕30号 第四十一条）。续签协议在市级协商谈判后生成。
      </Typography.Paragraph>
      {reported && <Alert type="success" showIcon message={`${reported}${isCity ? '' : '，区经办机构不能再更改核定'}`} style={{ marginBottom: 12 }} />}
      {!reported && !isCity && canAct && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button
            type="primary" disabled={!check.data?.canReport}
            onClick={() => Modal.confirm({
              title: '将本次续签报市经办机构？', content: '报市后由市经办机构协商谈判，区经办机构不能再更改核定。', okText: '报市',
              onOk: () => run(() => renewalApi.report(c.id, c.version), '已报市经办机构').then(check.reload),
            })}
          >报市</Button>
          {(check.data?.reasons.length ?? 0) > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="report-reasons">
              {check.data!.reasons.map((r) => <li key={r.ruleId}>{r.message}<Typography.Text type="secondary">（依据：{r.citation}）</Typography.Text></li>)}
            </ul>
          )}
        </Space>
      )}
      {!reported && isCity && <Alert type="info" showIcon message="区经办机构尚未将本次续签报市经办机构" />}
      {reported && isCity && canAct && (
        <Space wrap>
          <Select aria-label="区经办机构核定结果" placeholder="区经办机构核定结果" allowClear value={decided} onChange={(v?: DecisionValue) => setDecided(v)} options={[...DECISIONS]} style={{ width: 180 }} />
          <Select
            aria-label="协商统筹区" placeholder="统筹区" allowClear value={regionCode} onChange={(v?: string) => setRegionCode(v)}
            options={progress.regions.map((r) => ({ value: r.regionCode, label: r.regionName }))} style={{ width: 160 }}
          />
          <Button type="primary" onClick={() => void startBulk().catch(fail)}>批量市级协商谈判</Button>
        </Space>
      )}
      <NegotiateModal title={`批量市级协商谈判（${bulk ?? 0} 项）`} open={bulk !== null} busy={busy} onCancel={() => setBulk(null)} onOk={onBulk} />
    </Card>
  );
}
