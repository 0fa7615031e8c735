/**
 * 协议管理 · 协议详情 for the agency (and, read-only, the department): the agreement's head, timeline
 * and notices; one button per decision the server allows this user now (`allowedEvents`), each a
 * drawer with the region's situations and their articles.
 */
import { useState } from 'react';
import { Button, Empty, Space } from 'antd';
import { AgreementPage, type AgreementActionsProps } from '../agreement-common/agreement-page';
import { EventDrawer, type OpenEvent } from '../agreement-common/event-drawer';
import { useSession } from '../../../session/session';
import { AGENCY_EVENTS, DANGER_EVENTS, decisionForm } from './components/decision-forms';

function AgencyActions({ d, send }: AgreementActionsProps) {
  const [open, setOpen] = useState<OpenEvent | null>(null);
  const allowed = d.allowedEvents
    .filter((e) => AGENCY_EVENTS.includes(e.event))
    .sort((a, b) => AGENCY_EVENTS.indexOf(a.event) - AGENCY_EVENTS.indexOf(b.event));
  if (allowed.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有需要您办理的事项" />;
  return (
    <>
      <Space wrap>
        {allowed.map((e) => (
          <Button
            key={e.event}
            type={DANGER_EVENTS.includes(e.event) ? 'default' : 'primary'}
            danger={DANGER_EVENTS.includes(e.event)}
            onClick={() => setOpen({ event: e.event as OpenEvent['event'], label: e.label, cites: e.cites, form: decisionForm(e.event, d) })}
          >
            {e.label}
          </Button>
        ))}
      </Space>
      <EventDrawer open={open} send={send} onClose={() => setOpen(null)} />
    </>
  );
}

export default function AgencyAgreementDetailPage() {
  const { user } = useSession();
  // 暂停人员/科室结算 is the agency's (decision 0035); the department reads the list
  const agency = (user?.roles ?? []).some((r) => r === 'agency_officer' || r === 'agency_head');
  return <AgreementPage back={{ to: '/agreements', label: '协议管理' }} actions={(p) => <AgencyActions {...p} />} restrict={agency} />;
}
