/** 省 → 市 → 县 from /api/regions, loaded level by level; hands back the chosen region's code and level. */
import { useState } from 'react';
import { Cascader, type CascaderProps } from 'antd';
import { metaApi } from '../../../api/endpoints';
import type { Region } from '../../../api/types';
import { useRequest } from '../../../hooks/use-request';

interface RegionOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  level: Region['level'];
  children?: RegionOption[];
}

export function RegionCascader({ onChange, placeholder = '省 / 市 / 县', width = '100%' }: {
  onChange: (region: { code: string; level: Region['level'] } | undefined) => void;
  placeholder?: string;
  width?: number | string;
}) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  const toOption = (r: Region): RegionOption => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren, level: r.level });
  useRequest(async () => {
    const top = await metaApi.regions();
    setOptions(top.map(toOption));
    return top;
  }, []);
  const loadData: CascaderProps<RegionOption>['loadData'] = async (path) => {
    const target = path[path.length - 1]!;
    try {
      const children = await metaApi.regions(target.value);
      target.children = children.map(toOption);
      if (children.length === 0) target.isLeaf = true;
    } catch {
      target.isLeaf = true; // the error sink said why
    }
    setOptions((o) => [...o]);
  };
  return (
    <Cascader<RegionOption>
      aria-label="所属行政区划"
      placeholder={placeholder}
      options={options}
      loadData={loadData}
      changeOnSelect
      allowClear
      onChange={(_v, selected) => {
        const last = selected?.[selected.length - 1];
        onChange(last ? { code: last.value, level: last.level } : undefined);
      }}
      style={{ width }}
    />
  );
}
