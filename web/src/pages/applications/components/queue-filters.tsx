/** The work queue's toolbar: search box, filter chips (到期 / 待我), state filter, 含已办结, 导出 Excel. */
import { Button, Checkbox, Input, Select, Space, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useEnums } from '../../../meta/enums';
import { PIPELINE_ENUM } from '../../../locale/pipeline';

export interface QueueFilterValue {
  q?: string;
  states: string[];
  due?: 'today' | 'week' | 'overdue';
  mine?: 'todo' | 'sign';
  includeFinished?: boolean;
}

const DUE_CHIPS = [
  { key: 'today', label: '今日到期' },
  { key: 'week', label: '本周到期' },
  { key: 'overdue', label: '已逾期' },
] as const;
const MINE_CHIPS = [
  { key: 'todo', label: '待我办理' },
  { key: 'sign', label: '待我签署' },
] as const;

export function QueueFilters(props: {
  value: QueueFilterValue;
  showInstitution: boolean;
  onChange: (v: QueueFilterValue) => void;
  onReload: () => void;
  onExport: () => void;
  exporting: boolean;
}) {
  const enums = useEnums();
  const { value: v, onChange } = props;
  return (
    <Space orientation="vertical" style={{ marginBottom: 16, width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={props.showInstitution ? '机构名称、申请编号、统一社会信用代码或医保编码' : '申请编号'}
          aria-label="查询"
          defaultValue={v.q}
          onSearch={(q) => onChange({ ...v, q: q.trim() || undefined })}
          style={{ width: 380 }}
          maxLength={50}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="按状态筛选"
          value={v.states}
          onChange={(states) => onChange({ ...v, states })}
          options={enums.options(PIPELINE_ENUM.state)}
          style={{ minWidth: 260 }}
          maxTagCount="responsive"
        />
        <Checkbox checked={!!v.includeFinished} onChange={(e) => onChange({ ...v, includeFinished: e.target.checked })}>
          含已办结
        </Checkbox>
        <Button onClick={props.onReload}>刷新</Button>
        <Button icon={<DownloadOutlined />} loading={props.exporting} onClick={props.onExport}>
          导出 Excel
        </Button>
      </Space>
      <Space wrap size={4}>
        {DUE_CHIPS.map((c) => (
          <Tag.CheckableTag key={c.key} checked={v.due === c.key} onChange={(on) => onChange({ ...v, due: on ? c.key : undefined })}>
            {c.label}
          </Tag.CheckableTag>
        ))}
        <span style={{ width: 12 }} />
        {MINE_CHIPS.map((c) => (
          <Tag.CheckableTag key={c.key} checked={v.mine === c.key} onChange={(on) => onChange({ ...v, mine: on ? c.key : undefined })}>
            {c.label}
          </Tag.CheckableTag>
        ))}
      </Space>
    </Space>
  );
}
