/**
 * 地区评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一); 云医保〔2022〕6号 第六条第二款、第三十三条; decision 0043):
 * a 市/县 agency publishes its own evaluation standard for new designations and renewals. The page shows
 * what is in force for the chosen region and from which layer (its own, or its prefecture's), and the
 * versions the region published itself (paged on the server). The region's own head publishes a new dated
 * version (superseding the one in force from that day), corrects one, or withdraws one published in error;
 * every change is audited by the API.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { localParameterApi, regionStandardApi, type RegionStandardRow } from '../../api/local-parameter-endpoints';
import { useRequest } from '../../hooks/use-request';
import { useSession } from '../../session/session';
import { KIND_LABEL, PublishStandardDialog, type PublishIntent } from './publish-form';
import { WithdrawStandardDialog } from './withdraw-dialog';

const LAYER_COLOR: Record<string, string> = { local: 'blue', county: 'purple' };

export default function RegionStandardsPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const regions = useRequest(() => localParameterApi.regions(), []);
  const region = params.get('region') ?? regions.data?.regions[0]?.code ?? null;
  const view = useRequest(() => (region ? regionStandardApi.get(region, paging.page, paging.pageSize) : null), [region, paging]);
  const [intent, setIntent] = useState<PublishIntent | null>(null);
  const [withdrawing, setWithdrawing] = useState<RegionStandardRow | null>(null);
  const v = view.data;
  // 一(一): 「各市、县（区）医保经办机构」 — the region's own head publishes, not the level above
  const mayPublish = !!v && !!user?.roles.includes('agency_head') && user.orgLevel === v.region.level && v.kinds.length > 0;

  return (
    <Card
      title="地区评估标准和流程"
      extra={
        <Space>
          <Select
            aria-label="地区"
            style={{ width: 240 }}
            placeholder="选择市、县（区）"
            value={region ?? undefined}
            loading={regions.loading}
            options={(regions.data?.regions ?? []).map((r) => ({ value: r.code, label: `${r.level === 'county' ? '　' : ''}${r.name}（${r.code}）` }))}
            onChange={(code: string) => { setParams({ region: code }); setPaging((p) => ({ ...p, page: 1 })); }}
          />
          {mayPublish && <Button type="primary" onClick={() => setIntent({ kind: v.kinds[0]!, base: null, correct: false })}>发布评估标准</Button>}
        </Space>
      }
    >
      {v && !v.basis && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本省政策未要求各地公开本地的评估标准；评估按省级评分表进行。" />}
      {v?.basis && (
        <Typography.Paragraph type="secondary">
          依据 {v.basis}，各市、县（区）医保经办机构向社会公开本地新增定点和续签协议的评估标准和流程；县（区）未发布的，适用所在市的标准。公开后在公众服务「评估标准和流程」中按地区展示。
        </Typography.Paragraph>
      )}
      {v?.basis && (
        <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
          {v.kinds.map((k) => {
            const s = v.inForce.find((x) => x.kind === k);
            return (
              <Card key={k} size="small" title={`${KIND_LABEL[k]}：${s ? s.title : '未发布'}`}
                extra={s && <Tag color={LAYER_COLOR[s.layer]}>{s.layerLabel}</Tag>}>
                {s ? (
                  <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
                    { key: 'doc', label: '文号', children: s.docNo },
                    { key: 'from', label: '生效日期', children: s.effectiveFrom },
                    { key: 'items', label: '评估项目', children: s.items.map((i) => `${i.label}${i.weight !== null ? `（${i.weight}）` : ''}`).join('；') || '—' },
                    { key: 'process', label: '评估流程', span: 3, children: <span style={{ whiteSpace: 'pre-wrap' }}>{s.process}</span> },
                  ]} />
                ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本地区及所在市均未发布，评估按省级评分表进行" />}
              </Card>
            );
          })}
        </Space>
      )}
      <Typography.Title level={5}>本地区发布的版本</Typography.Title>
      <Table<RegionStandardRow>
        size="small"
        rowKey="id"
        loading={view.loading}
        dataSource={v?.history ?? []}
        pagination={{
          current: paging.page, pageSize: paging.pageSize, total: v?.total ?? 0, size: 'small', showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个版本`, onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '类别', dataIndex: 'kind', render: (k: RegionStandardRow['kind']) => KIND_LABEL[k] },
          { title: '标准名称', dataIndex: 'title' },
          { title: '文号', dataIndex: 'docNo' },
          { title: '生效日期', dataIndex: 'effectiveFrom' },
          {
            title: '状态',
            render: (_: unknown, r) => {
              if (r.withdrawnOn) return <Tag color="red" title={`${r.withdrawnOn} 撤回：${r.withdrawnReason ?? ''}`}>已撤回（{r.withdrawnOn}）</Tag>;
              const inForce = v?.inForce.some((s) => s.id === r.id);
              return inForce ? <Tag color="green">现行</Tag> : r.effectiveFrom > (v?.asOf ?? '') ? <Tag color="blue">待生效</Tag> : <Tag>已被取代</Tag>;
            },
          },
          { title: '发布人', dataIndex: 'recordedBy', render: (x: string | null) => x ?? '—' },
          { title: '版本', dataIndex: 'version' },
          {
            title: '操作',
            render: (_: unknown, r) => mayPublish ? (
              <Space>
                {!r.withdrawnOn && <Button size="small" onClick={() => setIntent({ kind: r.kind, base: r, correct: true })}>更正</Button>}
                <Button size="small" onClick={() => setIntent({ kind: r.kind, base: r, correct: false })}>发布新版本</Button>
                {!r.withdrawnOn && <Button size="small" danger onClick={() => setWithdrawing(r)}>撤回</Button>}
              </Space>
            ) : null,
          },
        ]}
      />
      {region && v && (
        <PublishStandardDialog regionCode={region} kinds={v.kinds} intent={intent} onClose={() => setIntent(null)}
          onDone={() => { setIntent(null); view.reload(); }} />
      )}
      {region && v && (
        <WithdrawStandardDialog regionCode={region} regionLevel={v.region.level} row={withdrawing} onClose={() => setWithdrawing(null)}
          onDone={() => { setWithdrawing(null); view.reload(); }} />
      )}
    </Card>
  );
}
