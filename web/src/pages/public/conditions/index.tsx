/**
 * 申请条件与材料 (云医保〔2022〕6号 第七条: 申请条件、所需材料、受理时间、受理部门、受理时限), per
 * region policy and institution kind, as the server derives them from the policy profile.
 */
import { useCallback, useState } from 'react';
import { Card, Descriptions, Empty, List, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { ProfileKindPicker } from '../components/profile-kind-picker';

export default function PublicConditionsPage() {
  const [profile, setProfile] = useState<string>();
  const [kind, setKind] = useState('medical');
  const pick = useCallback((p: string | undefined, k: string) => {
    setProfile(p);
    setKind(k);
  }, []);
  // 统筹地区 (decision 0031): the prefectures of the chosen profile's province, whose own values overlay it
  // kept with the profile it was picked under, so a new profile starts with no region
  // and, within it, a county (县（市、区）) whose 实施细则 narrow them further (decision 0043)
  const [picked, setPicked] = useState<{ profile?: string; code?: string; county?: string }>({});
  const prefecture = picked.profile === profile ? picked.code : undefined;
  const county = prefecture ? picked.county : undefined;
  const region = county ?? prefecture;
  const { data: profiles } = useRequest(() => publicApi.profiles(), []);
  const province = profiles?.find((p) => p.id === profile)?.regionCode ?? undefined;
  const { data: prefectures } = useRequest(() => (province ? publicApi.regions(province) : null), [province]);
  const { data: counties } = useRequest(() => (prefecture ? publicApi.regions(prefecture) : null), [prefecture]);
  const { data: c, error } = useRequest(() => (profile ? publicApi.conditions(profile, kind, region) : null), [profile, kind, region]);
  const layerTag = (l: { layer: string; layerLabel: string }) => <Tag color={l.layer === 'local' ? 'blue' : l.layer === 'county' ? 'purple' : undefined}>{l.layerLabel}</Tag>;

  return (
    <Card title="定点申请条件与所需材料">
      <ProfileKindPicker profile={profile} kind={kind} onChange={pick} />
      {province && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Select aria-label="统筹地区" allowClear placeholder="选择统筹地区（州、市），查看本地区确定的参数" value={prefecture}
            options={(prefectures ?? []).map((r) => ({ value: r.code, label: r.name }))} onChange={(v?: string) => setPicked({ profile, code: v })}
            style={{ width: 320 }} />
          {prefecture && (
            <Select aria-label="县（市、区）" allowClear placeholder="选择县（市、区），查看其实施细则" value={county}
              options={(counties ?? []).map((r) => ({ value: r.code, label: r.name }))} onChange={(v?: string) => setPicked({ profile, code: prefecture, county: v })}
              style={{ width: 260 }} />
          )}
        </Space>
      )}
      {!c ? (error ? <Empty description="加载失败，请稍后重试" /> : <Spin style={{ display: 'block', padding: 48 }} />) : (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            公开依据：{c.basis}。{c.profile.name}（规则版本 {c.profile.version}，截至 {c.asOf}）。
          </Typography.Text>
          <div>
            <Typography.Title level={5}>申请条件</Typography.Title>
            <List bordered dataSource={c.conditions} locale={{ emptyText: '无' }}
              renderItem={(x) => (
                <List.Item>
                  <Space orientation="vertical" size={2}>
                    <strong>{x.title}</strong>
                    {x.items.map((i) => <span key={i.n}>（{i.n}）{i.label}</span>)}
                    {x.params.map((p) => <span key={p.key}>{p.label}：{p.value}{p.unit}（{p.citation}）{layerTag(p)}</span>)}
                    <Typography.Text type="secondary">依据：{x.citation}</Typography.Text>
                  </Space>
                </List.Item>
              )} />
          </div>
          <div>
            <Typography.Title level={5}>{c.kindLabel}申请材料</Typography.Title>
            <Table rowKey="id" size="small" pagination={false} dataSource={c.materials}
              columns={[
                { title: '序号', key: 'n', width: 64, render: (_, __, i) => i + 1 },
                { title: '材料', dataIndex: 'label' },
                { title: '依据', dataIndex: 'citation', width: 280 },
              ]} />
          </div>
          {c.addCategoryMaterials && (
            <div>
              <Typography.Title level={5}>增加结算类别的简化材料 {layerTag({ layer: c.county && c.addCategoryMaterials.layerLabel.startsWith('县') ? 'county' : 'local', layerLabel: c.addCategoryMaterials.layerLabel })}</Typography.Title>
              <Table rowKey="id" size="small" pagination={false} dataSource={c.addCategoryMaterials.items}
                columns={[
                  { title: '序号', key: 'n', width: 64, render: (_, __, i) => i + 1 },
                  { title: '材料', dataIndex: 'label' },
                  { title: '依据', dataIndex: 'citation', width: 280 },
                ]} />
            </div>
          )}
          <div>
            <Typography.Title level={5}>受理时间、受理部门与办理时限</Typography.Title>
            <Descriptions bordered size="small" column={1}
              items={[
                { key: 't', label: '受理时间', children: `${c.acceptance.time.text}（${c.acceptance.time.citation}）` },
                ...c.acceptance.departments.map((d, i) => ({
                  key: `d${i}`, label: '受理部门',
                  children: `受理：${d.accept}；评估：${d.evaluate}；签订协议：${d.sign}${d.note ? `（${d.note}）` : ''}；依据：${d.citation}`,
                })),
                ...c.acceptance.limits.map((l) => ({
                  key: l.key, label: l.label,
                  children: <>{`${l.value === null ? '未规定' : `${l.value}${l.unit}`}（${l.citation}）${l.note ? `；${l.note}` : ''}`} {layerTag(l)}</>,
                })),
              ]} />
          </div>
          <div>
            <Typography.Title level={5}>不予受理的情形</Typography.Title>
            <List size="small" bordered dataSource={c.refusals}
              renderItem={(r) => <List.Item>{r.title}<Typography.Text type="secondary">（{r.citation}）</Typography.Text></List.Item>} />
          </div>
        </Space>
      )}
    </Card>
  );
}
