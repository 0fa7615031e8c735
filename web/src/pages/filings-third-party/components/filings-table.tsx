/**
 * Third-party filings in the reader's territory (an institution: its own), newest first, filtered by
 * status; a row opens the filing in a drawer — for the agency with the 核验 actions.
 */
import { useState } from 'react';
import { Button, Drawer, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import {
  filingStatusColor, filingStatusLabel, thirdPartyFilingApi, type FilingStatus, type ThirdPartyFiling, type ThirdPartyFilingRow,
} from '../../../api/third-party-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useEnums } from '../../../meta/enums';
import { FilingDetail } from './filing-detail';
import { chinaDay, chinaTime } from '../../../utils/china-date';

export function ThirdPartyFilingsTable({ verify, initialStatus, refreshKey = 0 }: { verify?: boolean; initialStatus?: FilingStatus; refreshKey?: number }) {
  const enums = useEnums();
  const [status, setStatus] = useState<FilingStatus | undefined>(initialStatus);
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, loading, reload } = useRequest(() => thirdPartyFilingApi.list({ status, page, pageSize }), [status, page, pageSize, refreshKey]);
  const detail = useRequest(() => (openId ? thirdPartyFilingApi.get(openId) : null), [openId]);
  const [fresh, setFresh] = useState<ThirdPartyFiling | null>(null);
  const shown = fresh && fresh.id === openId ? fresh : detail.data && detail.data.id === openId ? detail.data : undefined;

  const columns: ColumnsType<ThirdPartyFilingRow> = [
    {
      title: '机构',
      dataIndex: 'institutionName',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setOpenId(r.id)}>{v}</Typography.Link>
          <Typography.Text type="secondary">{enums.label('institutionSubtype', r.subtype)}</Typography.Text>
        </Space>
      ),
    },
    { title: '备案服务项目', dataIndex: 'services', render: (v: string[]) => v.join('、') },
    { title: '受理经办机构', dataIndex: 'agencyName', render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'status', render: (v: FilingStatus) => <Tag color={filingStatusColor[v]}>{filingStatusLabel[v]}</Tag> },
    { title: '提交时间', dataIndex: 'submittedAt', render: (v: string) => chinaTime(v) },
    { title: '办结时间', dataIndex: 'decidedAt', render: (v: string | null) => (v ? chinaDay(v) : '—') },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<FilingStatus | undefined>
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={Object.entries(filingStatusLabel).map(([value, label]) => ({ value: value as FilingStatus, label }))}
          style={{ width: 140 }}
        />
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Space>
      <Table<ThirdPartyFilingRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '暂无备案' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 件`)}
      />
      <Drawer open={!!openId} width={860} title="第三方服务机构备案" onClose={() => setOpenId(null)} destroyOnHidden>
        {shown ? (
          <FilingDetail
            filing={shown}
            verify={verify}
            onChanged={(f) => {
              setFresh(f);
              reload();
            }}
          />
        ) : (
          <Spin />
        )}
      </Drawer>
    </>
  );
}
