/** 服务协议 of one institution: generated ones and those imported from the existing registry (issue #9). */
import { Table, Tag } from 'antd';
import { api } from '../../../../api/client';
import { agreementDocumentUrl } from '../../../../api/pipeline-endpoints';
import { useRequest } from '../../../../hooks/use-request';
import { useEnums } from '../../../../meta/enums';

interface AgreementItem {
  id: string;
  number: string;
  status: 'draft' | 'fixed' | 'signed' | 'void';
  termFrom: string;
  termTo: string;
  source: 'generated' | 'import';
  paymentCategories: string[] | null;
}
const STATUS: Record<AgreementItem['status'], string> = { draft: '草拟', fixed: '已确定文本', signed: '已签订', void: '已作废' };

export function AgreementsTab({ institutionId }: { institutionId: string }) {
  const enums = useEnums();
  const { data, loading } = useRequest(
    () => api.get<{ items: AgreementItem[] }>('/api/agreements', { query: { institutionId, pageSize: 100 } }),
    [institutionId],
  );
  return (
    <Table<AgreementItem>
      rowKey="id"
      size="small"
      loading={loading}
      pagination={false}
      dataSource={data?.items ?? []}
      columns={[
        { title: '协议编号', dataIndex: 'number' },
        { title: '协议期限', key: 'term', render: (_, r) => `${r.termFrom} 至 ${r.termTo}` },
        { title: '状态', dataIndex: 'status', render: (v: AgreementItem['status']) => <Tag color={v === 'signed' ? 'green' : v === 'void' ? 'default' : 'blue'}>{STATUS[v]}</Tag> },
        { title: '来源', dataIndex: 'source', render: (v: AgreementItem['source']) => (v === 'import' ? <Tag color="gold">导入的存量协议</Tag> : '本系统签订') },
        { title: '支付类别', dataIndex: 'paymentCategories', render: (v: string[] | null) => (v ?? []).map((c) => <Tag key={c}>{enums.label('paymentCategory', c)}</Tag>) },
        { title: '文本', key: 'doc', render: (_, r) => <a href={agreementDocumentUrl(r.id, 'pdf')} target="_blank" rel="noreferrer">PDF</a> },
      ]}
    />
  );
}
