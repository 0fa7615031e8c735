/** 差异对比: two profiles side by side, GET /api/rules/diff?a=&b=. */
import { useState } from 'react';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { RuleDiffRow, RuleDiffSide, RuleProfile } from '../../../../api/types';
import { rulesApi } from '../../../../api/endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { ruleDiffLabel } from '../../../../locale/zh-CN';
import { ProfileSelect } from './profile-select';
import { RenewalCompareCard } from './renewal-compare';
import { useSession } from '../../../../session/session';

const changeColor: Record<string, string> = { only_a: 'red', only_b: 'green', override: 'volcano', params: 'orange' };

function Side({ side, other }: { side: RuleDiffSide | null; other: RuleDiffSide | null }) {
  if (!side) return <Typography.Text type="secondary">（无此规则）</Typography.Text>;
  const params = Object.entries(side.params);
  return (
    <Space orientation="vertical" size={0}>
      <Tooltip title={`规则编号：${side.ruleIds.join('、')}`}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {side.ruleIds.length > 1 ? `${side.ruleIds.length} 条规则` : '规则编号'}
        </Typography.Text>
      </Tooltip>
      {params.map(([k, v]) => {
        const differs = other !== null && other.params[k] !== v;
        return (
          <span key={k} style={{ fontSize: 12 }}>
            {k} = {differs ? <Typography.Text mark>{v}</Typography.Text> : v}
          </span>
        );
      })}
    </Space>
  );
}

export function DiffTab({ profiles, asOf }: { profiles: RuleProfile[]; asOf?: string }) {
  const [a, setA] = useState<string>();
  const [b, setB] = useState<string>();
  const { data, loading } = useRequest(() => (a && b ? rulesApi.diff(a, b, asOf) : null), [a, b, asOf]);
  const { user } = useSession();
  // the screening of a real agreement: for those who may read agreements of a territory
  const mayCompare = !!user?.roles.some((r) => r === 'agency_officer' || r === 'agency_head' || r === 'admin_dept_officer');

  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <ProfileSelect profiles={profiles} value={a} onChange={setA} placeholder="左侧配置" />
        <Typography.Text type="secondary">对比</Typography.Text>
        <ProfileSelect profiles={profiles} value={b} onChange={setB} placeholder="右侧配置" />
        {data && <Typography.Text type="secondary">按 {data.asOf} 生效的规则比较，共 {data.rows.length} 处差异</Typography.Text>}
      </Space>
      <Table<RuleDiffRow>
        rowKey="slot"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: a && b ? '两个配置没有差异' : '请选择两个政策配置' }}
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: '规则',
            dataIndex: 'title',
            render: (v: string, r) => (
              <Tooltip title={`规则位置：${r.slot}`}>
                <span>{v}</span>
              </Tooltip>
            ),
          },
          {
            title: '差异',
            dataIndex: 'change',
            width: 170,
            render: (c: string) => <Tag color={changeColor[c]}>{ruleDiffLabel[c] ?? c}</Tag>,
          },
          { title: data?.a.name ?? '左侧', key: 'a', render: (_, r) => <Side side={r.a} other={r.b} /> },
          { title: data?.b.name ?? '右侧', key: 'b', render: (_, r) => <Side side={r.b} other={r.a} /> },
        ]}
      />
      {mayCompare && <RenewalCompareCard a={a} b={b} profiles={profiles} />}
    </div>
  );
}
