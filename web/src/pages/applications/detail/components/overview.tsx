/** The application's head: institution, state, declaration (categories, schemes), profile, dates. */
import { Descriptions, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ApplicationDetail } from '../../../../api/pipeline-types';
import { useEnums } from '../../../../meta/enums';
import { applicationRouteLabel } from '../../../../locale/pipeline';
import { StateTag } from '../../components/state-tag';
import { EvaluationStandard } from './evaluation-standard';
import { chinaTime } from '../../../../utils/china-date';

export function Overview({ d }: { d: ApplicationDetail }) {
  const enums = useEnums();
  const tags = (map: string, vs: string[]) => (vs.length ? vs.map((v) => <Tag key={v}>{enums.label(map, v)}</Tag>) : '—');
  const items: DescriptionsProps['items'] = [
    { key: 'inst', label: '申请机构', children: d.institutionName, span: 2 },
    { key: 'state', label: '当前状态', children: <StateTag state={d.state} label={d.stateLabel} /> },
    { key: 'kind', label: '机构类别', children: enums.label('institutionKind', d.kind) },
    { key: 'route', label: '申请途径', children: applicationRouteLabel[d.data.route ?? 'new'] ?? d.data.route },
    { key: 'profile', label: '适用政策', children: d.workflowProfile },
    { key: 'standard', label: '评估标准', children: <EvaluationStandard d={d} />, span: 3 },
    { key: 'cats', label: '医保支付类别', children: tags('paymentCategory', d.declaration.paymentCategories), span: 3 },
    { key: 'schemes', label: '险种', children: tags('insuranceScheme', d.declaration.insuranceSchemes), span: 3 },
    { key: 'contact', label: '联系人', children: d.declaration.contactName || '—' },
    { key: 'phone', label: '联系电话', children: d.declaration.contactPhone || '—' },
    { key: 'submitted', label: '提交时间', children: d.submittedAt ? chinaTime(d.submittedAt) : '未提交' },
    { key: 'note', label: '申请说明', children: d.declaration.note || '—', span: 3 },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />;
}
