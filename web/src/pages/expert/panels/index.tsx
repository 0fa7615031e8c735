/**
 * 我的评估: the evaluation panels the signed-in expert sits on (applications in 评估中), with what
 * I still have to do — score, vote, sign (云医保〔2022〕6号 第十四条; 吉医保规〔2023〕1号 第十六条、第十八条).
 * "评估" opens the panel in a drawer: checklist findings, the scoring sheet, vote and signature.
 * Below, the concluded panels: the result each member signed, read-only.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { expertApi, type ExpertPanel } from '../../../api/pipeline-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useEnums } from '../../../meta/enums';
import { useSession } from '../../../session/session';
import { PIPELINE_ENUM } from '../../../locale/pipeline';
import { StateTag } from '../../applications/components/state-tag';
import { DoneTag, PanelDrawer } from './components/panel-drawer';

export default function ExpertPanelsPage() {
  const { user } = useSession();
  const enums = useEnums();
  const { data, loading, reload } = useRequest(() => expertApi.panels(), []);
  const [openId, setOpenId] = useState<string | null>(null);
  const sitting = (data ?? []).filter((p) => !p.concluded);
  const concluded = (data ?? []).filter((p) => p.concluded);
  const open = sitting.find((p) => p.applicationId === openId) ?? null;

  const me = (p: ExpertPanel) => p.members.find((m) => m.expertId === user?.id);
  const count = (p: ExpertPanel, k: 'scored' | 'voted' | 'signed') => p.members.filter((m) => m[k]).length;

  const columns: ColumnsType<ExpertPanel> = [
    {
      title: '申请机构',
      dataIndex: 'institutionName',
      render: (v: string, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary">{enums.label('institutionKind', p.kind)}</Typography.Text>
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'state', render: (v: string, p) => <StateTag state={v} label={p.stateLabel} /> },
    {
      title: '我的专业',
      key: 'specialty',
      render: (_, p) => {
        const m = me(p);
        return m ? `${enums.label(PIPELINE_ENUM.specialty, m.specialty)}专家` : '—';
      },
    },
    {
      title: '我的进度',
      key: 'mine',
      render: (_, p) => (
        <Space size={4} wrap>
          <DoneTag done={!!p.mine.scores} yes="已评分" no="未评分" />
          <DoneTag done={!!p.mine.vote} yes={p.mine.vote === 'fail' ? '已表决：不合格' : '已表决：合格'} no="未表决" muted />
          <DoneTag done={p.mine.signed} yes="已签字" no="未签字" />
        </Space>
      ),
    },
    {
      title: '小组进度',
      key: 'panel',
      render: (_, p) => (
        <Tooltip title={`评分 ${count(p, 'scored')}/${p.members.length}；表决 ${count(p, 'voted')}/${p.members.length}；签字 ${count(p, 'signed')}/${p.members.length}`}>
          <Typography.Text type="secondary">
            评分 {count(p, 'scored')}/{p.members.length} · 签字 {count(p, 'signed')}/{p.members.length}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: '操作',
      key: 'op',
      render: (_, p) => (
        <Space>
          <Button type="primary" size="small" onClick={() => setOpenId(p.applicationId)}>
            评估
          </Button>
          <Link to={`/applications/${p.applicationId}`}>申请详情</Link>
        </Space>
      ),
    },
  ];

  const doneColumns: ColumnsType<ExpertPanel> = [
    columns[0]!,
    { title: '评估结束', key: 'on', render: (_, p) => `${p.concluded!.on}${p.concluded!.attempt > 1 ? '（再次评估）' : ''}` },
    {
      title: '评估结果',
      key: 'result',
      render: (_, p) => (
        <Tooltip title={p.concluded!.reasons.join('；') || undefined}>
          <Tag color={p.concluded!.pass ? 'green' : 'red'}>{p.concluded!.pass ? '合格' : '不合格'}</Tag>
          {p.concluded!.total != null && <Typography.Text type="secondary">总分 {p.concluded!.total}</Typography.Text>}
        </Tooltip>
      ),
    },
    columns[3]!,
    { title: '申请现状', dataIndex: 'state', render: (v: string, p) => <StateTag state={v} label={p.stateLabel} /> },
    { title: '操作', key: 'op', render: (_, p) => <Link to={`/applications/${p.applicationId}`}>申请详情</Link> },
  ];

  return (
    <Card title="我的评估" extra={<Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>}>
      <Typography.Paragraph type="secondary">
        列出您被随机抽取参加、正在评估中的评估小组。逐项评分，需要时表决；是否须全体成员签字确认后评估结果方可确定，按各评估小组「签字确认」处所示的本地区规定。
      </Typography.Paragraph>
      <Table<ExpertPanel>
        rowKey="applicationId"
        loading={loading}
        dataSource={sitting}
        columns={columns}
        pagination={false}
        locale={{ emptyText: '暂无评估任务' }}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>已结束的评估</Typography.Title>
      <Typography.Paragraph type="secondary">评估结果确定后，小组记录（评分、表决、签字）随申请保存，此处只读。</Typography.Paragraph>
      <Table<ExpertPanel>
        rowKey={(p) => `${p.applicationId}:${p.concluded!.attempt}:${p.concluded!.on}`}
        loading={loading}
        dataSource={concluded}
        columns={doneColumns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无已结束的评估' }}
      />
      <PanelDrawer panel={open} onClose={() => setOpenId(null)} onChanged={reload} />
    </Card>
  );
}
