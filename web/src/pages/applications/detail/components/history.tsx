/** 办理进度: every step from the audit log, oldest first, with who did it and any written reason. */
import { Empty, Timeline, Typography } from 'antd';
import type { HistoryEntry } from '../../../../api/pipeline-types';
import { useEnums } from '../../../../meta/enums';
import { historyActionLabel, PIPELINE_ENUM } from '../../../../locale/pipeline';
import { chinaTime } from '../../../../utils/china-date';

export function History({ rows }: { rows: HistoryEntry[] }) {
  const enums = useEnums();
  if (rows.length === 0) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      items={rows.map((h) => ({
        key: String(h.seq),
        color: h.toState && ['refused', 'banned', 'not_signed', 'abandoned', 'negotiation_cancelled'].includes(h.toState) ? 'red' : 'blue',
        content: (
          <>
            <Typography.Text strong>{historyActionLabel(h.action, (ev) => enums.label(PIPELINE_ENUM.event, ev), (a) => enums.label('auditAction', a))}</Typography.Text>
            {h.toState && h.toState !== h.fromState && (
              <Typography.Text type="secondary">
                {' '}
                {h.fromState ? `${enums.label(PIPELINE_ENUM.state, h.fromState)} → ` : ''}
                {enums.label(PIPELINE_ENUM.state, h.toState)}
              </Typography.Text>
            )}
            <div>
              <Typography.Text type="secondary">
                {chinaTime(h.at)} · {h.actorName}
              </Typography.Text>
            </div>
            {h.reason && <div>理由：{h.reason}</div>}
          </>
        ),
      }))}
    />
  );
}
