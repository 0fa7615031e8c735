import { Select, Tag } from 'antd';
import type { RuleProfile } from '../../../../api/types';

/** Profile picker; draft profiles carry a 草案 tag. */
export function ProfileSelect({
  profiles,
  value,
  onChange,
  placeholder = '选择政策配置',
}: {
  profiles: RuleProfile[];
  value?: string;
  onChange: (id: string) => void;
  placeholder?: string;
}) {
  return (
    <Select
      style={{ minWidth: 280 }}
      aria-label={placeholder}
      placeholder={placeholder}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'title' }}
      options={profiles.map((p) => ({
        value: p.id,
        title: p.name,
        label: (
          <span>
            {p.name}
            {p.draft && (
              <Tag color="orange" style={{ marginInlineStart: 6 }}>
                草案
              </Tag>
            )}
          </span>
        ),
      }))}
    />
  );
}
