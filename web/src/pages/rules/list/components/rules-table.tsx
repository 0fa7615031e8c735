/** The rules of one profile as of a date: citations, parameters with their own citations, flags. */
import { Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Citation, RuleParam, RuleView } from '../../../../api/types';
import { formatCitation } from '../../../../utils/citation';
import { useEnums } from '../../../../meta/enums';
import { ruleKindLabel, ruleSourceLabel, unitLabel } from '../../../../locale/zh-CN';

const sourceColor: Record<string, string> = { national: 'blue', override: 'volcano', added: 'green' };

function CitationText({ c }: { c: Citation }) {
  return (
    <span>
      {formatCitation(c)}
      {c.verified === false && <Typography.Text type="warning">（未核实）</Typography.Text>}
    </span>
  );
}

function paramValue(p: RuleParam): string {
  if (p.unit === 'ratio') return `${Math.round(p.value * 10000) / 100}%`;
  return `${p.value}${unitLabel[p.unit] ?? p.unit}`;
}

function Params({ params }: { params: RuleParam[] }) {
  if (!params.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {params.map((p) => (
        <Tooltip key={p.key} title={`${p.key}，自 ${p.from} 起`}>
          <span>
            {p.label}：<Typography.Text strong>{paramValue(p)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              （<CitationText c={p.citation} />）
            </Typography.Text>
            {/* the layer the value came from (decision 0031): 国家 / 省 / 统筹地区（文号） */}
            <Tag color={p.layer === 'local' ? 'green' : p.layer === 'province' ? 'blue' : 'default'} style={{ marginInlineStart: 4 }}>{p.layerLabel}</Tag>
            {p.delegatedBy && p.layer !== 'local' && <Tooltip title={`${p.delegatedBy} 交由统筹地区确定`}><Tag color="warning">待统筹地区确定</Tag></Tooltip>}
          </span>
        </Tooltip>
      ))}
    </Space>
  );
}

function RuleDetail({ r }: { r: RuleView }) {
  const items = [
    ...(r.note ? [{ key: 'note', label: '说明', children: r.note }] : []),
    ...(r.items?.length
      ? [{ key: 'items', label: '列举项', children: <ol style={{ margin: 0, paddingInlineStart: 20 }}>{r.items.map((i) => <li key={i.n} value={i.n}>{i.label}</li>)}</ol> }]
      : []),
    ...(r.materials?.length
      ? [{
          key: 'materials',
          label: '申请材料',
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {r.materials.map((m) => (
                <li key={m.id}>
                  {m.label}
                  <Typography.Text type="secondary">（{m.citation}）</Typography.Text>
                </li>
              ))}
            </ul>
          ),
        }]
      : []),
    ...(r.stage ? [{ key: 'stage', label: '审查阶段', children: r.stage === 'screening' ? '受理审查' : r.stage === 'conditions' ? '条件审查' : r.stage }] : []),
  ];
  return <Descriptions size="small" column={1} bordered items={items} />;
}

export function RulesTable({ rules, loading }: { rules: RuleView[]; loading: boolean }) {
  const enums = useEnums();
  const kindLabel = (k: string) => enums.map('ruleKind')[k] ?? ruleKindLabel[k] ?? k;
  const columns: ColumnsType<RuleView> = [
    {
      title: '规则',
      dataIndex: 'title',
      render: (v: string, r) => (
        <span>
          <Tooltip title={`规则编号：${r.id}`}>
            <span>{v}</span>
          </Tooltip>
          {!r.verified && (
            <Tooltip title="引用条文尚未与官方文本逐字核对">
              <Tag color="warning" style={{ marginInlineStart: 6 }}>
                未核实
              </Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 110, render: (v: string) => kindLabel(v) },
    {
      title: '依据',
      dataIndex: 'citations',
      render: (cs: Citation[]) => (
        <Space orientation="vertical" size={0}>
          {cs.map((c, i) => (
            <CitationText key={i} c={c} />
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
        a && a.length ? a.map((k) => <Tag key={k}>{enums.map('institutionKind')[k] ?? enums.label('institutionSubtype', k)}</Tag>) : '全部',
    },
    {
      title: '来源',
      dataIndex: 'source',
      width: 130,
      render: (s: string, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={sourceColor[s]}>{ruleSourceLabel[s] ?? s}</Tag>
          {r.overrides && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              替代 {r.overrides}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '施行日期', dataIndex: 'effectiveFrom', width: 110 },
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
      expandable={{
        expandedRowRender: (r) => <RuleDetail r={r} />,
        rowExpandable: (r) => !!(r.note || r.items?.length || r.materials?.length || r.stage),
      }}
    />
  );
}
