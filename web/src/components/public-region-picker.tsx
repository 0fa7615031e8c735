/**
 * 省 → 市 → 县 from /api/public/regions, loaded level by level; any level may be chosen; a region
 * given by the URL opens with its path loaded. `designated`: only places with designated institutions,
 * with their counts (the directory); without it every region (the list of terminated institutions).
 */
import { useState } from 'react';
import { Cascader } from 'antd';
import type { CascaderProps } from 'antd';
import { publicApi } from '../api/pipeline-endpoints';
import { useRequest } from '../hooks/use-request';

interface RegionOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: RegionOption[];
}

/** The cascader's path to a region code: 省, 市, 县 codes (GB/T 2260 PPCCXX). */
export function regionPathOf(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const prefecture = `${code.slice(0, 4)}00`;
  return [province, ...(prefecture !== province ? [prefecture] : []), ...(code !== prefecture && code !== province ? [code] : [])];
}

export function PublicRegionPicker({ value, onChange, block, designated = false }: {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  /** full width (a phone) instead of 260 px */
  block: boolean;
  designated?: boolean;
}) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  const toOption = (r: { code: string; name: string; hasChildren: boolean; count?: number }): RegionOption =>
    ({ value: r.code, label: r.count !== undefined ? `${r.name}（${r.count}）` : r.name, isLeaf: !r.hasChildren });
  useRequest(async () => {
    const top = (await publicApi.regions(undefined, designated)).map(toOption);
    let level = top;
    for (const code of value ? regionPathOf(value).slice(0, -1) : []) {
      const node = level.find((o) => o.value === code);
      if (!node || node.isLeaf) break;
      node.children = (await publicApi.regions(code, designated)).map(toOption);
      level = node.children;
    }
    setOptions(top);
    return top;
  }, []);
  const loadData: CascaderProps<RegionOption>['loadData'] = async (path) => {
    const target = path[path.length - 1]!;
    try {
      const children = await publicApi.regions(target.value, designated);
      target.children = children.map(toOption);
      if (children.length === 0) target.isLeaf = true;
    } catch {
      target.isLeaf = true; // the error sink said why
    }
    setOptions((o) => [...o]);
  };
  return (
    <Cascader<RegionOption>
      aria-label="地区"
      placeholder="地区（省 / 市 / 县）"
      options={options}
      loadData={loadData}
      value={value ? regionPathOf(value) : []}
      changeOnSelect
      allowClear
      onChange={(v) => onChange(v && v.length ? String(v[v.length - 1]) : undefined)}
      style={{ width: block ? '100%' : 260 }}
    />
  );
}
