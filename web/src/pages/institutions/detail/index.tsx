/** 机构详情: all fields with Chinese labels, then persons / licences / sites / related / audit tabs. */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Card, Descriptions, Empty, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { institutionApi } from '../../../api/endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useEnums } from '../../../meta/enums';
import { institutionStatusColor } from '../../../meta/status';
import { useSession } from '../../../session/session';
import { MainScope } from './components/main-scope';
import { InstitutionAudit, LicencesTable, PersonsTable, RelatedTable, SitesTable } from './components/related-tables';
import { AgreementsTab } from './components/agreements-tab';
import { IndicatorsTab } from './components/indicators-tab';
import { chinaTime } from '../../../utils/china-date';

export default function InstitutionDetailPage() {
  const { id = '' } = useParams();
  const { access, user } = useSession();
  const enums = useEnums();
  const [rev, setRev] = useState(0);
  const { data: d, loading } = useRequest(() => institutionApi.get(id), [id, rev]);

  if (loading && !d) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!d) return <Card><Empty description="未找到该机构" /></Card>;

  const lbl = (map: string, v: string | null | undefined) => enums.label(map, v) || '—';
  const list = (map: string, vs: string[] | undefined) =>
    vs && vs.length ? vs.map((v) => <Tag key={v}>{enums.label(map, v)}</Tag>) : '—';

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '机构名称', children: d.name, span: 2 },
    { key: 'status', label: '状态', children: <Tag color={institutionStatusColor[d.status]}>{lbl('institutionStatus', d.status)}</Tag> },
    { key: 'uscc', label: '统一社会信用代码', children: d.uscc },
    { key: 'ybCode', label: '医保编码', children: d.ybCode ?? '—' },
    { key: 'kind', label: '机构类别', children: lbl('institutionKind', d.kind) },
    { key: 'subtype', label: '机构类型', children: lbl('institutionSubtype', d.subtype) },
    { key: 'ownership', label: '经营性质', children: lbl('ownership', d.ownership) },
    { key: 'level', label: '医院等级', children: `${lbl('hospitalLevel', d.hospitalLevel)} ${d.grade && d.grade !== 'none' ? lbl('grade', d.grade) : ''}` },
    { key: 'adminLevel', label: '隶属级别', children: lbl('adminLevel', d.adminLevel) },
    { key: 'beds', label: '床位数', children: d.beds },
    { key: 'region', label: '所在地区', children: d.regionName ?? d.regionCode },
    { key: 'address', label: '地址', children: d.address, span: 2 },
    { key: 'phone', label: '联系电话', children: d.phone ?? '—' },
    { key: 'servicePhone', label: '服务电话', children: d.servicePhone ?? '—' },
    { key: 'dualChannel', label: '双通道药店', children: d.dualChannel ? '是' : '否' },
    { key: 'updatedAt', label: '最后更新', children: `${chinaTime(d.updatedAt)}（第 ${d.version} 版）` },
    { key: 'openedOn', label: '正式运营日期', children: d.openedOn ?? '—' },
    { key: 'designatedOn', label: '定点日期', children: d.designatedOn ?? '—' },
    {
      key: 'parent',
      label: '上级机构',
      children: d.parent ? (
        <Space>
          <Link to={`/institutions/${d.parent.id}`}>{d.parent.name}</Link>
          {d.parentRelation && <Tag>{lbl('parentRelation', d.parentRelation)}</Tag>}
        </Space>
      ) : '—',
    },
    {
      key: 'mainScope', label: '主要执业范围', span: 3,
      children: <MainScope id={d.id} version={d.version} scope={d.mainScope} canEdit={!!user?.roles.some((r) => r === 'agency_officer' || r === 'agency_head')} onDone={() => setRev((n) => n + 1)} />,
    },
    { key: 'payment', label: '结算类别', children: list('paymentCategory', d.paymentCategories), span: 3 },
    { key: 'schemes', label: '险种', children: list('insuranceScheme', d.insuranceSchemes), span: 3 },
  ];

  const tabs = [
    { key: 'persons', label: `人员（${d.persons?.length ?? 0}）`, children: <PersonsTable rows={d.persons ?? []} /> },
    { key: 'licences', label: `证照（${d.licences?.length ?? 0}）`, children: <LicencesTable rows={d.licences ?? []} /> },
    { key: 'sites', label: `执业地点（${d.sites?.length ?? 0}）`, children: <SitesTable rows={d.sites ?? []} /> },
    { key: 'related', label: `关联机构（${(d.parent ? 1 : 0) + (d.children?.length ?? 0)}）`, children: <RelatedTable detail={{ ...d, children: d.children ?? [] }} /> },
    ...(access.canImportRegistry ? [{ key: 'agreements', label: '服务协议', children: <AgreementsTab institutionId={d.id} /> }] : []),
    ...(access.canImportRegistry || user?.roles.includes('admin_dept_officer') ? [{ key: 'indicators', label: '外部数据', children: <IndicatorsTab institutionId={d.id} /> }] : []),
    ...(access.canReadAudit ? [{ key: 'audit', label: '审计记录', children: <InstitutionAudit id={d.id} /> }] : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to="/institutions">机构名录</Link>
            <Typography.Text type="secondary">/</Typography.Text>
            <span>{d.name}</span>
          </Space>
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
      </Card>
      <Card>
        <Tabs items={tabs} destroyOnHidden />
      </Card>
    </Space>
  );
}
