/** 工作日历: published years, one year's 休/班 days, entering a year (sysadmin), and the deadline tool. */
import { useMemo, useState } from 'react';
import { Card, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { calendarApi } from '../../../api/endpoints';
import type { CalendarYear } from '../../../api/types';
import { useRequest } from '../../../hooks/use-request';
import { useSession } from '../../../session/session';
import { YearView } from './components/year-view';
import { YearForm } from './components/year-form';
import { DeadlineTool } from './components/deadline-tool';
import { chinaTime } from '../../../utils/china-date';

export default function CalendarPage() {
  const { access } = useSession();
  const years = useRequest(() => calendarApi.years(), []);
  const rows = useMemo(() => [...(years.data?.years ?? [])].sort((x, y) => y.year - x.year), [years.data]);
  const [selected, setSelected] = useState<number | null>(null);
  const [tab, setTab] = useState('years');
  const current = selected ?? rows.find((r) => r.year === dayjs().year())?.year ?? rows[0]?.year ?? null;

  const yearsTab = (
    <>
      <Table<CalendarYear>
        size="small"
        rowKey="year"
        loading={years.loading}
        dataSource={rows}
        pagination={{ pageSize: 5, size: 'small', showTotal: (t) => `已发布 ${t} 个年度` }}
        rowClassName={(r) => (r.year === current ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => setSelected(r.year), style: { cursor: 'pointer' } })}
        columns={[
          { title: '年度', dataIndex: 'year' },
          { title: '来源', dataIndex: 'source' },
          { title: '节假日（休）', dataIndex: 'holidays', align: 'right' },
          { title: '调休上班（班）', dataIndex: 'workdays', align: 'right' },
          { title: '录入人', dataIndex: 'enteredBy', render: (v: string | null) => v ?? '系统导入' },
          { title: '录入时间', dataIndex: 'enteredAt', render: (v: string) => chinaTime(v) },
        ]}
      />
      {current !== null && (
        <Card size="small" style={{ marginTop: 16 }} title={`${current} 年`}>
          <YearView key={current} year={current} />
        </Card>
      )}
      {!years.loading && rows.length === 0 && (
        <Typography.Paragraph type="warning" style={{ marginTop: 16 }}>
          尚无已发布的年度日历；按工作日计算的期限将为暂定结果。
        </Typography.Paragraph>
      )}
    </>
  );

  const items = [
    { key: 'years', label: '年度日历', children: yearsTab },
    { key: 'compute', label: '期限计算', children: <DeadlineTool /> },
    ...(access.canEditCalendar
      ? [
          {
            key: 'enter',
            label: '录入年度',
            children: (
              <YearForm
                onSaved={(y) => {
                  years.reload();
                  setSelected(y);
                  setTab('years');
                }}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title="工作日历">
      <Tabs activeKey={tab} onChange={setTab} items={items} />
    </Card>
  );
}
