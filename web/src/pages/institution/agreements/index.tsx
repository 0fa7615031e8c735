/**
 * 我的协议: the institution's agreements (its main one and a pharmacy's 双通道 one, and earlier terms),
 * each with its number, term and state; a row opens the agreement's page (timeline, notices, requests).
 */
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { agreementLifeApi } from '../../../api/agreement-life-endpoints';
import type { AgreementItem } from '../../../api/agreement-life-types';
import { useRequest } from '../../../hooks/use-request';
import { AgreementTags } from '../../agency/agreement-common/life-state-tag';

export default function MyAgreementsPage() {
  const { data, loading, reload } = useRequest(() => agreementLifeApi.mine(), []);
  const navigate = useNavigate();
  const link = (r: AgreementItem) => `/institution/agreements/${r.id}`;
  const columns: ColumnsType<AgreementItem> = [
    { title: '协议编号', dataIndex: 'number', render: (v: string, r) => <Link to={link(r)}>{v}</Link> },
    { title: '协议期限', key: 'term', render: (_, r) => `${r.termFrom} 至 ${r.termTo}` },
    { title: '状态', key: 'state', render: (_, r) => <AgreementTags a={r} /> },
    { title: '当前状态起始', dataIndex: 'lifeSince', render: (v: string | null) => v ?? '—' },
    { title: '统筹地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
    { title: '操作', key: 'op', render: (_, r) => <Link to={link(r)}>查看 / 申请</Link> },
  ];
  return (
    <Card
      title="我的协议"
      extra={
        <>
          <Space>
            <Button onClick={() => navigate('/institution/change-requests')}>申请变更</Button>
            <Button onClick={reload}>刷新</Button>
          </Space>
        </>
      }
    >
      <Typography.Paragraph type="secondary">
        本机构与医保经办机构签订的医保服务协议。点击协议编号查看履行记录和通知书，并可申请中止、解除或恢复履行协议；机构名称、法定代表人、地址等重大信息变更请通过「申请变更」办理。
      </Typography.Paragraph>
      <Table<AgreementItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '本机构尚无医保服务协议' }}
      />
    </Card>
  );
}
