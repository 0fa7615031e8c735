/**
 * 申请材料: the list required for this institution's kind and profile (materials-required), each
 * item with its files. While the application is editable the institution uploads here (PDF or
 * image); type, size, emptiness and duplicates are checked in the browser first and by the server
 * always — its Chinese message is shown under the item. After a 一次性告知 the requested items,
 * their requirements and the 补正期限 head the list, and those items carry the tag 「需补正」.
 */
import { useState } from 'react';
import { Alert, Button, List, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { CheckCircleTwoTone, ExclamationCircleTwoTone, UploadOutlined } from '@ant-design/icons';
import { materialApi, materialUrl, applicationApi, uploadMaterial } from '../../../../api/pipeline-endpoints';
import type { ApplicationMaterial, RequiredMaterial, SupplementNotice } from '../../../../api/pipeline-types';
import { requirementFor, SupplementRequest } from './supplement-notice';
import { describeError } from '../../../../api/error-display';
import { useRequest } from '../../../../hooks/use-request';
import { UPLOAD_ACCEPT, UPLOAD_MAX_BYTES } from '../../../../locale/pipeline';

const OK_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

function precheck(file: File, existing: ApplicationMaterial[]): string | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (!OK_TYPES.includes(file.type) && !['pdf', 'jpg', 'jpeg', 'png'].includes(ext)) return `文件类型不支持：${file.name}（仅限 PDF、JPG、PNG）`;
  if (file.size === 0) return `文件为空：${file.name}`;
  if (file.size > UPLOAD_MAX_BYTES) return `文件过大：${file.name}（不超过 ${UPLOAD_MAX_BYTES / 1024 / 1024} MB）`;
  if (existing.some((m) => m.fileName === file.name && m.size === file.size)) return `重复上传：${file.name} 已上传`;
  return null;
}

interface Props {
  appId: string;
  materials: ApplicationMaterial[];
  editable: boolean;
  onChanged: () => void;
  /** the 一次性告知 while it is being answered (待补正材料 / 已补正), else undefined */
  notice?: SupplementNotice;
  /** the day the institution answered it */
  answered?: string;
}

export function Materials({ appId, materials, editable, onChanged, notice, answered }: Props) {
  const { data, reload } = useRequest(() => applicationApi.materialsRequired(appId), [appId, materials.length]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const items = data?.items ?? [];
  const known = new Set(items.map((i) => i.id));
  const extra = materials.filter((m) => !known.has(m.itemKey));

  const upload = async (item: RequiredMaterial, file: File) => {
    const bad = precheck(file, materials.filter((m) => m.itemKey === item.id));
    if (bad) {
      setErrors((e) => ({ ...e, [item.id]: bad }));
      return;
    }
    setBusy(item.id);
    setErrors((e) => ({ ...e, [item.id]: '' }));
    try {
      await uploadMaterial(appId, item.id, file);
      onChanged();
      reload();
    } catch (err) {
      setErrors((e) => ({ ...e, [item.id]: describeError(err) }));
    } finally {
      setBusy(null);
    }
  };

  const remove = async (id: string) => {
    try {
      await materialApi.remove(appId, id);
      onChanged();
    } catch {
      // shown by the error sink
    }
  };

  const fileLinks = (files: ApplicationMaterial[]) =>
    files.map((m) => (
      <Space key={m.id} size={4}>
        <a href={materialUrl(appId, m.id)} target="_blank" rel="noopener noreferrer">
          {m.fileName}
        </a>
        <Typography.Text type="secondary">（{(m.size / 1024).toFixed(1)} KB，SHA-256 {m.sha256.slice(0, 12)}…）</Typography.Text>
        {editable && (
          <Popconfirm title="删除该文件？" onConfirm={() => void remove(m.id)}>
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        )}
      </Space>
    ));

  return (
    <>
      {notice && <SupplementRequest notice={notice} materials={items} {...(answered ? { answered } : {})} />}
      {editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="每项材料可上传 PDF、JPG 或 PNG 文件，单个文件不超过 10 MB；同一文件不能重复上传。"
        />
      )}
      <List
        dataSource={items}
        locale={{ emptyText: '本类机构无规定的申请材料' }}
        renderItem={(item) => {
          const files = materials.filter((m) => m.itemKey === item.id);
          const asked = notice ? requirementFor(notice, item) : null;
          return (
            <List.Item
              data-item={item.id}
              actions={
                editable
                  ? [
                      <Upload
                        key="up"
                        accept={UPLOAD_ACCEPT}
                        showUploadList={false}
                        beforeUpload={(file) => {
                          void upload(item, file);
                          return false;
                        }}
                      >
                        <Button icon={<UploadOutlined />} loading={busy === item.id} aria-label={`上传：${item.label}`}>
                          上传
                        </Button>
                      </Upload>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                avatar={files.length ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ExclamationCircleTwoTone twoToneColor="#faad14" />}
                title={
                  <Space wrap>
                    <span>{item.label}</span>
                    {files.length ? <Tag color="success">已上传</Tag> : <Tag color="warning">未上传</Tag>}
                    {!item.required && <Tag>按需提供</Tag>}
                    {asked && <Tag color="orange">需补正</Tag>}
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={2}>
                    <Typography.Text type="secondary">依据：{item.citation}</Typography.Text>
                    {asked?.requirement && <Typography.Text type="danger">补正要求：{asked.requirement}</Typography.Text>}
                    {fileLinks(files)}
                    {errors[item.id] && <Typography.Text type="danger" role="alert">{errors[item.id]}</Typography.Text>}
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
      {extra.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>其他材料：</Typography.Text>
          <Space orientation="vertical">{fileLinks(extra)}</Space>
        </div>
      )}
    </>
  );
}
