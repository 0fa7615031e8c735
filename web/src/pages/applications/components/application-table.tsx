/**
 * The applications table shared by 我的申请 and 定点工作台 (decision 0019): search, filter chips,
 * sortable columns and paging all run on the server; remaining 工作日 to the nearest deadline; an
 * overdue one in red with the article that sets it, an ended publicity as 「公示期满，待办理」;
 * Excel export of exactly what is filtered.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SorterResult, SortOrder } from 'antd/es/table/interface';
import { applicationApi, downloadQueueExport, type QueueQuery } from '../../../api/pipeline-endpoints';
import type { QueueItem } from '../../../api/pipeline-types';
import { useRequest } from '../../../hooks/use-request';
import { useEnums } from '../../../meta/enums';
import { StateTag } from './state-tag';
import { QueueFilters, type QueueFilterValue } from './queue-filters';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { chinaTime } from '../../../utils/china-date';

type Sort = NonNullable<QueueQuery['sort']>;

function Remaining({ next }: { next: NonNullable<QueueItem['next']> }) {
  const days = next.remainingWorkdays;
  if (next.status === 'publicity_ended') return <Tag color="blue">{next.statusLabel}</Tag>;
  if (next.status === 'period_over') return <Typography.Text type="secondary">{next.statusLabel}</Typography.Text>;
  return (
    <Typography.Text type={next.overdue ? 'danger' : days <= 2 ? 'warning' : undefined} data-testid="remaining-workdays">
      {next.overdue ? `已超 ${-days} 个工作日` : `剩 ${days} 个工作日`}
    </Typography.Text>
  );
}

/** The filters a link may carry (?due=today|week|overdue, ?mine=todo|sign, ?state=a,b). */
function filtersFromUrl(p: URLSearchParams): QueueFilterValue {
  const due = p.get('due');
  const mine = p.get('mine');
  return {
    states: (p.get('state') ?? '').split(',').filter(Boolean),
    ...(due === 'today' || due === 'week' || due === 'overdue' ? { due } : {}),
    ...(mine === 'todo' || mine === 'sign' ? { mine } : {}),
  };
}

export function ApplicationTable({ showInstitution }: { showInstitution: boolean }) {
  const enums = useEnums();
  const { message } = App.useApp();
  // the home page links here with ?due=…&mine=…&state=… (issue #9): those are the first filters
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<QueueFilterValue>(() => filtersFromUrl(params));
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({ sort: 'nextDue', order: 'asc' });
  const [exporting, setExporting] = useState(false);
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const query: QueueQuery = {
    ...(filters.q ? { q: filters.q } : {}), state: filters.states, ...(filters.due ? { due: filters.due } : {}),
    ...(filters.mine ? { mine: filters.mine } : {}), ...(filters.includeFinished ? { includeFinished: true } : {}), ...sort,
  };
  const { data, loading, reload } = useRequest(() => applicationApi.queue({ ...query, page, pageSize }), [JSON.stringify(query), page, pageSize]);

  const sortOrder = (key: Sort): SortOrder => (sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: ColumnsType<QueueItem> = [
    {
      title: '申请编号', dataIndex: 'applicationNo', key: 'applicationNo', sorter: true, sortOrder: sortOrder('applicationNo'), width: 210,
      render: (v: string | null, r) => (v ? <Link to={`/applications/${r.id}`}>{v}</Link> : <Typography.Text type="secondary">（草稿，提交后编号）</Typography.Text>),
    },
    ...(showInstitution
      ? [{
          title: '申请机构', dataIndex: 'institutionName', key: 'name', sorter: true, sortOrder: sortOrder('name'),
          render: (v: string, r: QueueItem) => <Link to={`/applications/${r.id}`}>{v}</Link>,
        }]
      : []),
    { title: '机构类别', dataIndex: 'kind', render: (v: string) => enums.label('institutionKind', v) },
    { title: '状态', dataIndex: 'state', key: 'state', sorter: true, sortOrder: sortOrder('state'), render: (v: string, r) => <StateTag state={v} label={r.stateLabel} /> },
    {
      title: '最近时限', key: 'nextDue', sorter: true, sortOrder: sortOrder('nextDue'), minWidth: 220,
      render: (_, r) =>
        r.next ? (
          <Space orientation="vertical" size={0}>
            <span>
              {r.next.label}
              {r.next.overdue && <Tag color="red" style={{ marginInlineStart: 6 }}>已逾期</Tag>}
            </span>
            <Tooltip title={r.next.cites.join('；')}>
              <Typography.Text type={r.next.overdue ? 'danger' : 'secondary'}>
                {r.next.due} 前（依据：{r.next.cites[0] ?? '—'}）
              </Typography.Text>
            </Tooltip>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '剩余工作日', key: 'remaining', width: 170,
      render: (_, r) => (r.next ? <Space orientation="vertical" size={0}><Remaining next={r.next} /><Typography.Text type="secondary">到期日 {r.next.due}</Typography.Text></Space> : '—'),
    },
    {
      title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', sorter: true, sortOrder: sortOrder('submittedAt'),
      render: (v: string | null) => (v ? chinaTime(v) : '未提交'),
    },
    { title: '操作', key: 'op', render: (_, r) => <Link to={`/applications/${r.id}`}>办理 / 查看</Link> },
  ];

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadQueueExport(query);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <QueueFilters
        value={filters}
        showInstitution={showInstitution}
        onChange={(v) => {
          setFilters(v);
          setPage(1);
        }}
        onReload={reload}
        onExport={onExport}
        exporting={exporting}
      />
      <Table<QueueItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        rowClassName={(r) => (r.next?.overdue ? 'dd-row-overdue' : '')}
        onRow={(r) => (r.next?.overdue ? { style: { background: '#fff1f0' } } : {})}
        onChange={(_p, _f, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<QueueItem> | undefined;
          const key = s?.columnKey as Sort | undefined;
          if (key && s?.order) setSort({ sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' });
          else setSort({ sort: 'nextDue', order: 'asc' });
        }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 件`)}
      />
    </>
  );
}
