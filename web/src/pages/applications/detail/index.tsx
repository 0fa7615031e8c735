/**
 * 定点申请详情, for every actor: the head, the steps the current user may take now (allowedEvents),
 * then tabs — progress (history), deadlines with their articles, materials (upload while editable),
 * the procedure so far (evaluation, publicity, negotiation, agreement) and the documents.
 */
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, Space, Spin, Tabs, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { applicationApi } from '../../../api/pipeline-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useSession } from '../../../session/session';
import { StateTag } from '../components/state-tag';
import { Overview } from './components/overview';
import { EventPanel } from './components/event-panel';
import { History } from './components/history';
import { Deadlines } from './components/deadlines';
import { Materials } from './components/materials';
import { Documents } from './components/documents';
import { Procedure } from './components/procedure';
import { AgreementPanel } from './components/agreement-panel';
import { Complaints } from './components/complaints';
import { ProgressSteps } from './components/progress-steps';
import { Findings } from './components/findings';
import { EditDeclaration } from '../components/declaration';
import { Conditions } from './components/conditions';

const EDITABLE_STATES = ['draft', 'needs_supplement'];
const NOTICE_STATES = ['needs_supplement', 'supplemented'];

export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const { user, access } = useSession();
  const { data: d, loading, reload } = useRequest(() => applicationApi.get(id), [id]);

  if (loading && !d) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!d || !user) return <Card><Empty description="未找到该申请" /></Card>;

  const back = access.canApply ? { to: '/applications/mine', label: '我的申请' } : access.canWorkQueue ? { to: '/applications/queue', label: '定点工作台' } : null;
  const overdue = d.deadlines.filter((x) => x.state === 'open' && x.overdue);
  const open = d.deadlines.filter((x) => x.state === 'open');
  const editable = access.canApply && EDITABLE_STATES.includes(d.state);
  // a 一次性告知 is being answered or awaits the agency's decision
  const noticeOpen = NOTICE_STATES.includes(d.state);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {back && <Link to={back.to}>{back.label}</Link>}
            {back && '/'}
            <span>{d.institutionName} · 定点申请</span>
            <span data-testid="application-no">申请编号：{d.applicationNo ?? '（草稿，提交后编号）'}</span>
            <StateTag state={d.state} label={d.stateLabel} />
          </Space>
        }
        extra={<Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>}
      >
        {overdue.map((x) => (
          <Alert key={x.id} type="error" showIcon style={{ marginBottom: 8 }} title={`已逾期：${x.label}（截止 ${x.dueOn}；依据：${x.cites.join('；')}）`} />
        ))}
        <ProgressSteps d={d} />
        <div style={{ height: 16 }} />
        {d.state === 'needs_supplement' && d.data.supplementNotice && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            title={`经办机构已一次性告知补正 ${(d.data.supplementNotice.pending ?? d.data.supplementNotice.items).length} 项材料${d.data.supplementNotice.dueOn ? `，补正期限：${d.data.supplementNotice.dueOn} 前` : ''}；详见“申请材料”`}
          />
        )}
        <Overview d={d} />
        {access.canApply && d.state === 'draft' && <div style={{ marginTop: 8 }}><EditDeclaration d={d} onDone={reload} /></div>}
      </Card>
      <Card title="可办理事项" size="small">
        <EventPanel d={d} user={user} onDone={reload} />
      </Card>
      <Card>
        <Tabs
          defaultActiveKey={editable ? 'materials' : 'history'}
          items={[
            { key: 'history', label: '办理进度', children: <History rows={d.history} /> },
            {
              key: 'deadlines',
              label: (
                <span>
                  办理时限 {open.length > 0 && <Tag color={overdue.length ? 'red' : 'blue'}>{open.length}</Tag>}
                </span>
              ),
              children: <Deadlines rows={d.deadlines} />,
            },
            {
              key: 'materials',
              label: `申请材料（${d.materials.length}）`,
              children: (
                <Materials
                  appId={d.id}
                  materials={d.materials}
                  editable={editable}
                  onChanged={reload}
                  {...(noticeOpen && d.data.supplementNotice ? { notice: d.data.supplementNotice } : {})}
                  {...(noticeOpen && d.data.supplementedOn ? { answered: d.data.supplementedOn } : {})}
                />
              ),
            },
            {
              key: 'conditions',
              label: (
                <span>
                  基本条件 {d.conditions && d.conditions.rows.some((r) => r.effective !== 'met') && <Tag color="orange">{d.conditions.rows.filter((r) => r.effective !== 'met').length}</Tag>}
                </span>
              ),
              children: (
                <Conditions
                  appId={d.id} state={d.state} check={d.conditions} onDone={reload}
                  canAct={user.roles.some((r) => r === 'agency_officer' || r === 'agency_head')}
                />
              ),
            },
            {
              key: 'procedure',
              label: '评估、公示与协商',
              children: (
                <>
                  <Procedure data={d.data} checklist={d.inspectionChecklist} />
                  {access.canWorkQueue && <Complaints d={d} onDone={reload} />}
                </>
              ),
            },
            // 材料审核发现: the agency's own record (decision 0024)
            ...(user.roles.some((r) => r === 'agency_officer' || r === 'agency_head') ? [{ key: 'findings', label: '审核发现', children: <Findings d={d} onDone={reload} /> }] : []),
            { key: 'agreement', label: '服务协议', children: <AgreementPanel d={d} onDone={reload} /> },
            { key: 'documents', label: `文书（${d.documents.length}）`, children: <Documents appId={d.id} rows={d.documents} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
