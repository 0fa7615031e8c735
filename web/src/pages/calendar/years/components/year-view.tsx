/** One year's exception days: a month calendar with 休/班 marks and the list beside it. */
import { useState } from 'react';
import { Calendar, Col, Empty, Row, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { calendarApi } from '../../../../api/endpoints';
import type { CalendarDay } from '../../../../api/types';
import { useRequest } from '../../../../hooks/use-request';
import { calendarKindLabel, calendarKindLongLabel } from '../../../../locale/zh-CN';
import { chinaTime } from '../../../../utils/china-date';

const kindColor: Record<string, string> = { holiday: 'red', workday: 'blue' };

export function YearView({ year }: { year: number }) {
  const { data, loading } = useRequest(() => calendarApi.year(year), [year]);
  const [month, setMonth] = useState<Dayjs>(() => dayjs(`${year}-01-01`));
  const shown = month.year() === year ? month : dayjs(`${year}-01-01`);

  if (loading && !data) return <Spin />;
  if (!data) return <Empty />;
  const byDay = new Map<string, CalendarDay>(data.days.map((d) => [d.day, d]));

  return (
    <div>
      <Typography.Paragraph>
        <Tag color="success">已发布</Tag>
        <Typography.Text type="secondary">
          来源：{data.source}；录入：{data.enteredBy ?? '系统导入'}，{chinaTime(data.enteredAt)}
        </Typography.Text>
      </Typography.Paragraph>
      <Row gutter={24}>
        <Col xs={24} lg={11}>
          <div style={{ border: '1px solid #f0f0f0', borderRadius: 8 }}>
            <Calendar
              fullscreen={false}
              value={shown}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d) => setMonth(d)}
              validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
              fullCellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const ex = byDay.get(d.format('YYYY-MM-DD'));
                const weekend = d.day() === 0 || d.day() === 6;
                const off = ex ? ex.kind === 'holiday' : weekend;
                const faded = d.month() !== shown.month();
                return (
                  <div
                    title={ex ? `${ex.name}（${calendarKindLongLabel[ex.kind]}）` : undefined}
                    style={{ position: 'relative', lineHeight: '24px', opacity: faded ? 0.35 : 1, color: off ? '#cf1322' : undefined }}
                  >
                    {d.date()}
                    {ex && (
                      <span
                        style={{
                          position: 'absolute', top: -6, right: -2, fontSize: 10, lineHeight: '14px', padding: '0 2px',
                          borderRadius: 3, color: '#fff', background: ex.kind === 'holiday' ? '#f5222d' : '#1677ff',
                        }}
                      >
                        {calendarKindLabel[ex.kind]}
                      </span>
                    )}
                  </div>
                );
              }}
            />
          </div>
        </Col>
        <Col xs={24} lg={13}>
          <Table<CalendarDay>
            size="small"
            rowKey="day"
            dataSource={data.days}
            pagination={{ pageSize: 12, size: 'small' }}
            onRow={(r) => ({ onClick: () => setMonth(dayjs(r.day)), style: { cursor: 'pointer' } })}
            columns={[
              { title: '日期', dataIndex: 'day', render: (v: string) => `${v} ${dayjs(v).format('ddd')}` },
              {
                title: '类型',
                dataIndex: 'kind',
                render: (k: string) => <Tag color={kindColor[k]}>{calendarKindLongLabel[k] ?? k}</Tag>,
              },
              { title: '名称', dataIndex: 'name' },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
