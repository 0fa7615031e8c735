/** 定点医药机构名录: name, address and service phone of every designated institution (吉医保规〔2023〕1号 第二十二条). */
import { useState } from 'react';
import { Card, Input, Select, Space, Table, Tag } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import type { DirectoryItem } from '../../../api/pipeline-types';
import { useRequest } from '../../../hooks/use-request';
import { useEnums } from '../../../meta/enums';

export default function PublicDirectoryPage() {
  const enums = useEnums();
  const [q, setQ] = useState<string>();
  const [kind, setKind] = useState<string>();
  const [page, setPage] = useState(1);
  const { data, loading } = useRequest(() => publicApi.directory({ q, kind, page, pageSize: 20 }), [q, kind, page]);

  return (
    <Card title="定点医药机构名录">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="机构名称" allowClear onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} style={{ width: 260 }} maxLength={50} />
        <Select placeholder="机构类别" allowClear value={kind} onChange={(v) => { setKind(v); setPage(1); }} options={enums.options('institutionKind')} style={{ width: 200 }} />
      </Space>
      <Table<DirectoryItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 家` }}
        columns={[
          { title: '机构名称', dataIndex: 'name' },
          { title: '医保编码', dataIndex: 'ybCode', render: (v: string | null) => v ?? '—' },
          { title: '类型', dataIndex: 'subtype', render: (v: string) => enums.label('institutionSubtype', v) },
          { title: '地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
          { title: '地址', dataIndex: 'address' },
          { title: '服务电话', dataIndex: 'servicePhone', render: (v: string | null) => v ?? '—' },
          { title: '医保支付类别', dataIndex: 'categories', render: (v: string[]) => v.map((c) => <Tag key={c}>{enums.label('paymentCategory', c)}</Tag>) },
        ]}
      />
    </Card>
  );
}
