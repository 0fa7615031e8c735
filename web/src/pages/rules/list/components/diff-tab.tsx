/** 差异对比: two profiles side by side, GET /api/rules/diff?a=&b=. */
import { useState } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import type { RuleDiffRow, RuleProfile } from '../../../../api/types';
import { rulesApi } from '../../../../api/endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { ruleDiffLabel } from '../../../../locale/zh-CN';
import { JsonBlock } from '../../../../components/json-block';
import { ProfileSelect } from './profile-select';

const changeColor: Record<string, string> = { added: 'green', removed: 'red', changed: 'orange', same: 'default' };

export function DiffTab({ profiles, asOf }: { profiles: RuleProfile[]; asOf?: string }) {
  const [a, setA] = useState<string>();
  const [b, setB] = useState<string>();
  const { data, loading } = useRequest(() => (a && b ? rulesApi.diff(a, b, asOf) : null), [a, b, asOf]);

  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <ProfileSelect profiles={profiles} value={a} onChange={setA} placeholder="左侧配置" />
        <Typography.Text type="secondary">对比</Typography.Text>
        <ProfileSelect profiles={profiles} value={b} onChange={setB} placeholder="右侧配置" />
      </Space>
      <Table<RuleDiffRow>
        rowKey="ruleId"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: a && b ? '两个配置没有差异' : '请选择两个政策配置' }}
        pagination={{ pageSize: 50 }}
        expandable={{
          expandedRowRender: (r) => (
            <Space align="start" style={{ width: '100%' }}>
              <div style={{ width: '48%' }}>
                <Typography.Text strong>左侧</Typography.Text>
                <JsonBlock value={r.a} />
              </div>
              <div style={{ width: '48%' }}>
                <Typography.Text strong>右侧</Typography.Text>
                <JsonBlock value={r.b} />
              </div>
            </Space>
          ),
          rowExpandable: (r) => r.a !== undefined || r.b !== undefined,
        }}
        columns={[
          { title: '规则', dataIndex: 'ruleId', render: (v: string, r) => (r.title ? `${r.title}（${v}）` : v) },
          {
            title: '差异',
            dataIndex: 'change',
            width: 120,
            render: (c: string) => <Tag color={changeColor[c]}>{ruleDiffLabel[c] ?? c}</Tag>,
          },
          {
            title: '说明',
            dataIndex: 'details',
            render: (d?: string[]) => (d && d.length ? d.join('；') : '—'),
          },
        ]}
      />
    </div>
  );
}
