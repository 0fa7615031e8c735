/** The rules of one profile as of a date: citations, parameters with their own citations, flags. */
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RuleParam, RuleView } from '../../../../api/types';
import { formatCitation } from '../../../../utils/citation';
import { useEnums } from '../../../../meta/enums';
import { ruleKindLabel, ruleSourceLabel, unitLabel } from '../../../../locale/zh-CN';

const sourceColor: Record<string, string> = { national: 'blue', override: 'volcano', added: 'green' };

function paramValue(p: RuleParam): string {
  const v = typeof p.value === 'object' ? JSON.stringify(p.value) : String(p.value);
  const unit = p.unit ? (unitLabel[p.unit] ?? p.unit) : '';
  return `${v}${unit === '比例' ? '' : unit}`;
}

function Params({ params }: { params: RuleParam[] }) {
  if (!params.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {params.map((p) => (
        <span key={p.key}>
          {p.label}：<Typography.Text strong>{paramValue(p)}</Typography.Text>
          {p.citation && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              （{formatCitation(p.citation)}）
            </Typography.Text>
          )}
        </span>
      ))}
    </Space>
  );
}

export function RulesTable({ rules, loading }: { rules: RuleView[]; loading: boolean }) {
  const enums = useEnums();
  const kindLabel = (k: string) => enums.map('ruleKind')[k] ?? ruleKindLabel[k] ?? k;
  const columns: ColumnsType<RuleView> = [
    {
      title: '规则',
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {v}
            {!r.verified && (
              <Tooltip title="引用条文尚未与官方文本逐字核对">
                <Tag color="warning" style={{ marginInlineStart: 6 }}>
                  未核实
                </Tag>
              </Tooltip>
            )}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.id}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 110, render: (v: string) => kindLabel(v) },
    {
      title: '依据',
      dataIndex: 'citations',
      render: (cs: RuleView['citations']) => (
        <Space orientation="vertical" size={0}>
          {cs.map((c, i) => (
            <span key={i}>{formatCitation(c)}</span>
          ))}
        </Space>
      ),
    },
    { title: '参数', dataIndex: 'params', render: (ps: RuleParam[]) => <Params params={ps ?? []} /> },
    {
      title: '适用',
      dataIndex: 'appliesTo',
      width: 150,
      render: (a: string[] | undefined) =>
        a && a.length ? a.map((k) => <Tag key={k}>{enums.label('institutionKind', k)}</Tag>) : '全部',
    },
    {
      title: '来源',
      dataIndex: 'source',
      width: 120,
      render: (s: string, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={sourceColor[s]}>{ruleSourceLabel[s] ?? s}</Tag>
          {r.overrides && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              覆盖 {r.overrides}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '施行日期', dataIndex: 'effectiveFrom', width: 110, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Table<RuleView>
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={rules}
      pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 条规则` }}
      scroll={{ x: 1100 }}
    />
  );
}
