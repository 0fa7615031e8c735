/**
 * 外部数据 of an institution (decision 0040): the values other systems gave for it, each with its
 * period, source and date and the screening article it feeds — what the renewal screening reads.
 */
import { Table, Typography } from 'antd';
import { indicatorApi, type InstitutionIndicator } from '../../../../api/indicator-endpoints';
import { useRequest } from '../../../../hooks/use-request';

export function IndicatorsTab({ institutionId }: { institutionId: string }) {
  const { data, loading } = useRequest(() => indicatorApi.ofInstitution(institutionId), [institutionId]);
  return (
    <div data-testid="institution-indicators">
    <Table<InstitutionIndicator>
      rowKey={(r) => `${r.kind}|${r.period}`} size="small" loading={loading} pagination={false} dataSource={data?.items ?? []}
      locale={{ emptyText: '尚未导入外部数据：续签筛查中相关情形显示「无数据」' }}
      columns={[
        { title: '指标', dataIndex: 'label' },
        { title: '期间', dataIndex: 'period' },
        { title: '数值', dataIndex: 'valueText' },
        { title: '来源', key: 'source', render: (_, r) => `${r.source}（${r.sourceDate}）` },
        { title: '筛查依据', dataIndex: 'article', render: (v: string | null) => v ?? <Typography.Text type="secondary">仅供参考</Typography.Text> },
      ]}
    />
    </div>
  );
}
