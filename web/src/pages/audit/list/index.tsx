/** 审计日志: filterable, paginated; a sysadmin can verify the hash chain. */
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { auditApi, type AuditQuery } from '../../../api/endpoints';
import type { AuditVerifyResult } from '../../../api/types';
import { useRequest } from '../../../hooks/use-request';
import { useSession } from '../../../session/session';
import { AuditTable } from '../../../components/audit-table';
import { auditEntityTypeLabel } from '../../../locale/zh-CN';
import { useServerPagination } from '../../../hooks/use-server-pagination';
import { useEnums } from '../../../meta/enums';

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

function anchorsText(a: AuditVerifyResult['anchors']): string {
  if (!a.ok) return `签名检查点校验未通过：${a.problem ?? ''}`;
  return a.latest
    ? `签名检查点 ${a.checkpoints} 个均有效，最新一个（${a.latest.at.slice(0, 16).replace('T', ' ')}）覆盖至日志序号 ${a.latest.maxSeq}。`
    : '尚无签名检查点（服务器运行后定期写入）。';
}

function VerifyResult({ r }: { r: AuditVerifyResult }) {
  if (r.ok) {
    return <Alert type="success" showIcon title="审计链完整" description={`已校验 ${r.rows} 条记录、${r.chains} 条哈希链（每个被审计对象一条），未发现断裂或篡改。${anchorsText(r.anchors)}`} />;
  }
  if (r.chain == null && !r.anchors.ok) {
    return <Alert type="error" showIcon title="审计日志被删改" description={`哈希链本身完整（${r.rows} 条记录），但${anchorsText(r.anchors)}`} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title="审计链校验未通过"
      description={`已校验 ${r.rows} 条记录；${r.chain != null ? `对象 ${r.chain} 的哈希链在第 ${r.chainSeq} 条（日志序号 ${r.brokenSeq}）处断裂：` : ''}${r.problem ?? ''}`}
    />
  );
}

export default function AuditPage() {
  const { access } = useSession();
  const enums = useEnums();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const [verifying, setVerifying] = useState(false);
  const [verdict, setVerdict] = useState<AuditVerifyResult | null>(null);
  const { data, loading } = useRequest(() => auditApi.list({ ...filters, page, pageSize }), [filters, page, pageSize]);

  const set = (k: keyof Filters) => (v: string | undefined) => setDraft((d) => ({ ...d, [k]: v?.trim() || undefined }));
  const apply = () => {
    setFilters({ ...draft });
    setPage(1);
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerdict(await auditApi.verify());
    } catch {
      // shown by the client
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card
      title="审计日志"
      extra={
        access.isSysadmin && (
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
            校验审计链
          </Button>
        )
      }
    >
      {verdict && (
        <div style={{ marginBottom: 16 }}>
          <VerifyResult r={verdict} />
        </div>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          placeholder="对象类型"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={draft.entityType}
          onChange={set('entityType')}
          options={Object.entries({ ...auditEntityTypeLabel, ...enums.map('auditEntity') }).map(([value, label]) => ({ value, label }))}
          style={{ width: 200 }}
        />
        <Input placeholder="对象编号" allowClear value={draft.entityId} onChange={(e) => set('entityId')(e.target.value)} style={{ width: 280 }} />
        <Select
          placeholder="动作"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={draft.action}
          onChange={set('action')}
          options={Object.entries(enums.map('auditAction')).map(([value, label]) => ({ value, label }))}
          style={{ width: 240 }}
        />
        <Button type="primary" onClick={apply}>
          查询
        </Button>
        <Button
          onClick={() => {
            setDraft({});
            setFilters({});
            setPage(1);
          }}
        >
          重置
        </Button>
      </Space>
      <AuditTable
        rows={data?.items ?? []}
        loading={loading}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 条`)}
      />
    </Card>
  );
}
