/** Region policy (profile) and institution kind, the two choices every public policy page needs. */
import { useEffect } from 'react';
import { Radio, Select, Space } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import { useRequest } from '../../../hooks/use-request';

export const KIND_OPTIONS = [
  { value: 'medical', label: '医疗机构' },
  { value: 'pharmacy', label: '零售药店' },
  { value: 'ltc', label: '长期护理服务机构' },
];

interface Props {
  profile: string | undefined;
  kind: string;
  onChange: (profile: string | undefined, kind: string) => void;
}

export function ProfileKindPicker({ profile, kind, onChange }: Props) {
  const { data } = useRequest(() => publicApi.profiles(), []);
  const options = (data ?? []).map((p) => ({ value: p.id, label: p.name }));
  const first = data?.[0]?.id;
  useEffect(() => {
    if (!profile && first) onChange(first, kind);
  }, [profile, first, kind, onChange]);
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select aria-label="地区政策" placeholder="选择地区" value={profile} options={options} onChange={(v) => onChange(v, kind)} style={{ width: 320 }} />
      <Radio.Group optionType="button" buttonStyle="solid" value={kind} options={KIND_OPTIONS} onChange={(e) => onChange(profile, e.target.value as string)} />
    </Space>
  );
}
