/**
 * One agreement's page, for the institution and for the agency: the head (state, term, what is open),
 * the steps the current user may take now (`actions`, from allowedEvents) and tabs — 履行记录 (the
 * timeline of events with their notices), 文书 (PDF / DOCX), 办理时限 with their articles, 中止记录.
 */
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Empty, Space, Spin, Tabs, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { agreementLifeApi } from '../../../api/agreement-life-endpoints';
import type { AgreementLife } from '../../../api/agreement-life-types';
import { useRequest } from '../../../hooks/use-request';
import { AgreementOverview } from './agreement-overview';
import { AgreementTimeline } from './agreement-timeline';
import { AgreementDeadlines, AgreementDocuments, AgreementSuspensions } from './agreement-records';
import { useSendEvent, type SendEvent } from './send-event';
import { chinaToday } from '../../../utils/china-date';
import { SettlementRestrictions } from './settlement-restrictions';

export interface AgreementActionsProps {
  d: AgreementLife;
  send: SendEvent;
  today: string;
}

export function AgreementPage({ back, actions, restrict = false }: { back: { to: string; label: string }; actions: (p: AgreementActionsProps) => ReactNode; restrict?: boolean }) {
  const { id = '' } = useParams();
  const { data: d, loading, reload } = useRequest(() => agreementLifeApi.life(id), [id]);
  const send = useSendEvent(d, reload);
  const today = chinaToday(); // the procedure clock's day (the sandbox may run ahead of the wall clock)

  if (loading && !d) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!d) return <Card><Empty description="未找到该协议" /></Card>;
  const openDeadlines = d.deadlines.filter((x) => x.state === 'open').length;
  const situationLabel = (code: string) =>
    d.situations.suspension.find((s) => s.code === code)?.label ?? d.situations.termination.find((s) => s.code === code)?.label ?? code;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to={back.to}>{back.label}</Link>/<span>{d.agreement.institutionName} · 医保协议 {d.agreement.number}</span>
          </Space>
        }
        extra={<Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>}
      >
        <AgreementOverview d={d} />
      </Card>
      <Card title="可办理事项" size="small">
        {actions({ d, send, today })}
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'timeline', label: '履行记录', children: <AgreementTimeline agreementId={d.agreement.id} rows={d.timeline} documents={d.documents} /> },
            { key: 'documents', label: `文书（${d.documents.length}）`, children: <AgreementDocuments agreementId={d.agreement.id} rows={d.documents} /> },
            {
              key: 'deadlines',
              label: <span>办理时限 {openDeadlines > 0 && <Tag color="blue">{openDeadlines}</Tag>}</span>,
              children: <AgreementDeadlines rows={d.deadlines} today={today} />,
            },
            { key: 'suspensions', label: `中止记录（${d.suspensions.length}）`, children: <AgreementSuspensions rows={d.suspensions} situationLabel={situationLabel} /> },
            {
              key: 'restrictions', label: `人员/科室结算（${d.restrictions.length}）`,
              children: <SettlementRestrictions agreementId={d.agreement.id} canCreate={restrict && (d.agreement.lifeState === 'in_force' || d.agreement.lifeState === 'suspended')} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
