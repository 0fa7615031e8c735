/** 行政区划 cascader: provinces first, children fetched lazily from GET /api/regions?parent=CODE. */
import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { metaApi } from '../../../../api/endpoints';
import type { Region } from '../../../../api/types';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

function toOption(r: Region): Option {
  return { value: r.code, label: r.name, isLeaf: !r.hasChildren };
}

async function fetchChildren(parent?: string): Promise<Option[]> {
  try {
    return (await metaApi.regions(parent)).map(toOption);
  } catch {
    return [];
  }
}

export function RegionCascader({
  value,
  onChange,
  style,
}: {
  value?: string[];
  onChange: (path: string[]) => void;
  style?: React.CSSProperties;
}) {
  const [options, setOptions] = useState<Option[]>([]);

  useEffect(() => {
    void fetchChildren().then(setOptions);
  }, []);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    const children = await fetchChildren(target.value);
    target.children = children;
    if (children.length === 0) target.isLeaf = true;
    setOptions((o) => [...o]);
  };

  return (
    <Cascader<Option>
      options={options}
      loadData={(s) => void loadData(s)}
      changeOnSelect
      value={value}
      onChange={(v) => onChange((v ?? []).map(String))}
      placeholder="行政区划"
      allowClear
      style={style}
    />
  );
}
