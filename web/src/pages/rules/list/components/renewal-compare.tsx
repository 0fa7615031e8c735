/**
 * 续签筛查对比: one agreement of the reader's territory screened under the two profiles picked above —
 * the outcome and every rule that fired or had no data, each with its article under that profile, and
 * the rules that made the difference (GET /api/renewal-compare; nothing is written).
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Input, List, Row, Space, Tag, Typography } from 'antd';
import { describeError } from '../../../../api/error-display';
import { renewalCompareApi, type RenewalCompare } from '../../../../api/renewal-compare-endpoints';
import type { RuleProfile } from '../../../../api/types';

const OUT: Record<string, { label: string; color: string }> = {
  renew: { label: '续签', color: 'green' }, defer: { label: '缓签', color: 'orange' }, not_renew: { label: '不再签订', color: 'red' }, manual: { label: '需人工核定', color: 'blue' },
};
type Side = RenewalCompare['a'];

function SideCard({ side, name }: { side: Side; name: string }) {
  const o = OUT[side.outcome]!;
  return (
    <Card size="small" title={name} extra={<Tag color={o.color}>{o.label}</Tag>} data-testid={`renewal-compare-${side.profileId}`}>
      <List
        size="small"
        dataSource={side.reasons}
        locale={{ emptyText: '无触发情形，建议续签' }}
        renderItem={(r) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <span><Tag color={r.result === 'fires' ? 'red' : 'default'}>{r.result === 'fires' ? '触发' : '无数据'}</Tag>{r.label} {r.message}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>依据：{r.citation}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function RenewalCompareCard({ a, b, profiles }: { a?: string; b?: string; profiles: RuleProfile[] }) {
  const [agreement, setAgreement] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RenewalCompare | null>(null);
  const nameOf = (id: string) => profiles.find((p) => p.id === id)?.name ?? id;
  const run = async () => {
    if (!a || !b) return setError('请先在上方选择两个政策配置');
    if (!agreement.trim()) return setError('请输入协议编号');
    setBusy(true);
    setError(null);
    try {
      setResult(await renewalCompareApi.compare({ agreement: agreement.trim(), a: a as never, b: b as never }));
    } catch (e) {
      setResult(null);
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="同一协议的续签筛查对比" style={{ marginTop: 16 }} data-testid="renewal-compare">
      <Typography.Paragraph type="secondary">
        输入本辖区一份协议的编号，按上方两个政策配置分别筛查其续签情形（缓签、不再签订、绩效考核等），并列出造成差异的规则。仅作对比，不改变任何协议。
      </Typography.Paragraph>
      <Space.Compact style={{ maxWidth: 480, width: '100%' }}>
        <Input aria-label="协议编号" placeholder="协议编号，如 五华医保协〔2026〕1号" value={agreement} onChange={(e) => setAgreement(e.target.value)} onPressEnter={() => void run()} />
        <Button type="primary" loading={busy} onClick={() => void run()}>对比</Button>
      </Space.Compact>
      {error && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={error} />}
      {result && (
        <>
          <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="机构">{result.agreement.institutionName}</Descriptions.Item>
            <Descriptions.Item label="协议">{result.agreement.number}</Descriptions.Item>
            <Descriptions.Item label="协议期满">{result.agreement.termTo}</Descriptions.Item>
          </Descriptions>
          {result.because.length > 0 ? (
            <Alert
              type="info" showIcon style={{ marginBottom: 12 }}
              title={`结论不同的原因：${result.because.map((x) => `${x.label}（仅${x.in === 'baseline' ? '左侧' : '右侧'}：${x.citation}）`).join('；')}`}
            />
          ) : (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title="两种政策配置下的筛查结论相同" />
          )}
          <Row gutter={12}>
            <Col xs={24} md={12}><SideCard side={result.a} name={nameOf(result.a.profileId)} /></Col>
            <Col xs={24} md={12}><SideCard side={result.b} name={nameOf(result.b.profileId)} /></Col>
          </Row>
        </>
      )}
    </Card>
  );
}
