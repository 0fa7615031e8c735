/** 评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一): the standards must be public). */
import { useCallback, useState } from 'react';
import { Card, Descriptions, Empty, Select, Spin, Space, Steps, Table, Tag, Typography } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { ProfileKindPicker } from '../components/profile-kind-picker';

export default function PublicStandardsPage() {
  const [profile, setProfile] = useState<string>();
  const [kind, setKind] = useState('medical');
  const pick = useCallback((p: string | undefined, k: string) => {
    setProfile(p);
    setKind(k);
  }, []);
  // 自治区医保局〔2025〕征求意见稿 一(一): each 市、县（区）publishes its own standard (decision 0043)
  const [picked, setPicked] = useState<{ profile?: string; code?: string; county?: string }>({});
  const prefecture = picked.profile === profile ? picked.code : undefined;
  const county = prefecture ? picked.county : undefined;
  const { data: profiles } = useRequest(() => publicApi.profiles(), []);
  const province = profiles?.find((p) => p.id === profile)?.regionCode ?? undefined;
  const { data: prefectures } = useRequest(() => (province ? publicApi.regions(province) : null), [province]);
  const { data: counties } = useRequest(() => (prefecture ? publicApi.regions(prefecture) : null), [prefecture]);
  const { data: s, error } = useRequest(() => (profile ? publicApi.standards(profile, kind, county ?? prefecture) : null), [profile, kind, county, prefecture]);

  return (
    <Card title="定点评估标准和流程">
      <ProfileKindPicker profile={profile} kind={kind} onChange={pick} />
      {province && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Select aria-label="市" allowClear placeholder="选择市（州），查看本地公开的评估标准" value={prefecture}
            options={(prefectures ?? []).map((r) => ({ value: r.code, label: r.name }))} onChange={(v?: string) => setPicked({ profile, code: v })} style={{ width: 320 }} />
          {prefecture && (
            <Select aria-label="县（区）" allowClear placeholder="选择县（区）" value={county}
              options={(counties ?? []).map((r) => ({ value: r.code, label: r.name }))} onChange={(v?: string) => setPicked({ profile, code: prefecture, county: v })} style={{ width: 260 }} />
          )}
        </Space>
      )}
      {!s ? (error ? <Empty description="加载失败，请稍后重试" /> : <Spin style={{ display: 'block', padding: 48 }} />) : (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Typography.Text type="secondary">公开依据：{s.basis}。{s.profile.name}，{s.kindLabel}。</Typography.Text>
          {s.regionStandards.map((r) => (
            <div key={r.kind}>
              <Typography.Title level={5}>{r.kindLabel}：{r.title} <Tag color={r.layer === 'county' ? 'purple' : 'blue'}>{r.layerLabel}</Tag></Typography.Title>
              <Table rowKey="label" size="small" pagination={false} dataSource={r.items}
                columns={[
                  { title: '评估项目', dataIndex: 'label' },
                  { title: '权重', dataIndex: 'weight', width: 80, render: (v: number | null) => v ?? '—' },
                  { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
                ]} />
              <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>评估流程：{r.process}</Typography.Paragraph>
              <Typography.Text type="secondary">{r.docNo}，自 {r.effectiveFrom} 起施行；依据 {s.regionStandardsBasis}</Typography.Text>
            </div>
          ))}
          {s.region && s.regionStandardsBasis && s.regionStandards.length === 0 && <Empty description="所选地区尚未公开本地的评估标准" />}
          <Steps orientation="vertical" size="small" current={-1} items={s.steps.map((t) => ({ title: t }))} />
          {s.sheet ? (
            <div>
              <Typography.Title level={5}>{s.sheet.title}（第 {s.sheet.version} 版，合格线 {s.sheet.passThreshold}）</Typography.Title>
              <Table rowKey="id" size="small" pagination={false} dataSource={s.sheet.items}
                columns={[
                  { title: '评估内容', dataIndex: 'title' },
                  { title: '分值', dataIndex: 'maxPoints', width: 80 },
                  { title: '否决项', dataIndex: 'veto', width: 80, render: (v: boolean) => (v ? <Tag color="red">否决</Tag> : '—') },
                  { title: '依据', dataIndex: 'citation', render: (v: string, r) => <>{v}{!r.verified && <Tag style={{ marginInlineStart: 6 }}>示例权重，待公布</Tag>}</> },
                ]} />
              <Typography.Text type="secondary">评分表依据：{s.sheet.citation}</Typography.Text>
            </div>
          ) : <Empty description="本地区未规定该类机构的评分表" />}
          <Descriptions bordered size="small" column={1}
            items={[
              { key: 'p', label: '评估小组专业构成', children: `${s.panel.specialties.join('、')}${s.panel.thirdPartyAllowed ? '；可委托第三方机构评估' : ''}（${s.panel.citation}）` },
              { key: 'i', label: '核查方式', children: `${s.inspection.modes.join('、')}${s.inspection.mandatory ? '；须现场核查' : ''}（${s.inspection.citation}）` },
              { key: 'r', label: '评估结果', children: `${s.result.voting}${s.result.allMembersSign ? '；评估小组全体成员签字确认' : ''}；评估时限 ${s.result.evaluationMonths === null ? '未规定' : `${s.result.evaluationMonths} 个月`}（${s.result.citation}）` },
            ]} />
        </Space>
      )}
    </Card>
  );
}
