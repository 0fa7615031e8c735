/**
 * 一次性告知 as the institution (and the officer) sees it after the notice: the requested items,
 * each with its own requirement (过期证照、缺少盖章 …), and the 补正期限 the agency set
 * (云医保〔2022〕6号 第九条; 京医保发〔2021〕30号 第八条). The material list marks the same items 「需补正」.
 */
import { Alert, List, Space, Tag, Typography } from 'antd';
import type { RequiredMaterial, SupplementNotice } from '../../../../api/pipeline-types';

/** The items the latest request asks for (a repeat after 补正 may ask for only some). */
export const requestedItems = (n: SupplementNotice): string[] => n.pending ?? n.items;

/** Does a listed item (material id, label or free text) name this material? */
export const namesMaterial = (listed: string, m: Pick<RequiredMaterial, 'id' | 'label'>) => listed === m.id || listed === m.label;

/** The listed item shown by its material label where it names one. */
export const itemLabel = (listed: string, materials: readonly Pick<RequiredMaterial, 'id' | 'label'>[] = []) =>
  materials.find((m) => namesMaterial(listed, m))?.label ?? listed;

/** The requirement for a material under the notice, if the notice lists it. */
export function requirementFor(n: SupplementNotice, m: Pick<RequiredMaterial, 'id' | 'label'>): { listed: true; requirement?: string } | null {
  const listed = requestedItems(n).find((l) => namesMaterial(l, m));
  if (listed === undefined) return null;
  const requirement = n.requirements?.[listed];
  return requirement ? { listed: true, requirement } : { listed: true };
}

export function SupplementRequest({ notice, materials, answered }: { notice: SupplementNotice; materials?: readonly RequiredMaterial[]; answered?: string }) {
  const items = requestedItems(notice);
  return (
    <Alert
      type={answered ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="supplement-request"
      title={
        <Space wrap>
          <span>一次性告知：请补正以下 {items.length} 项材料</span>
          {notice.dueOn ? <Tag color="orange">补正期限：{notice.dueOn} 前</Tag> : <Tag>未设补正期限</Tag>}
          {answered && <Tag color="blue">已于 {answered} 补正</Tag>}
        </Space>
      }
      description={
        <List
          size="small"
          dataSource={items}
          renderItem={(i) => (
            <List.Item>
              <Space wrap>
                <Tag color="orange">需补正</Tag>
                <span>{itemLabel(i, materials)}</span>
                {notice.requirements?.[i] && <Typography.Text type="danger">具体要求：{notice.requirements[i]}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      }
    />
  );
}
