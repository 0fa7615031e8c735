/**
 * The public site's paged lists (定点医药机构名录, 解除医保协议的定点医药机构名单; decision 0044): one layout
 * for both — a table on a wide screen, a list of cards on a phone (390px), a spinner (not 暂无数据) until the
 * first answer, 「加载失败」 when the first answer failed; paging on the server, the page in the URL.
 * The pages give the columns, what a card shows, and their own filters (in `PublicFilterBar`).
 */
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Empty, List, Pagination, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';

/** The list's filters and page in the URL: a changed filter goes back to page 1 (so the back button and a shared link keep them). */
export function useUrlList<K extends string>() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (key: K) => (v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, String(v));
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    setParams(next);
  };
  return { params, page, set, setPage };
}

/** The filters above a public list: a row on a wide screen, one under another on a phone. */
export function PublicFilterBar({ narrow, children }: { narrow: boolean; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: narrow ? 'column' : 'row', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
      {children}
    </div>
  );
}

export interface PublicListProps<T> {
  data: { items: T[]; total: number } | undefined;
  loading: boolean;
  error: unknown;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  narrow: boolean;
  /** data-testid prefix: `<prefix>-card`, `<prefix>-total`, `<prefix>-loading` */
  testId: string;
  /** the counting word after the total: 家, 条 */
  unit: string;
  emptyText: string;
  errorText: string;
  rowKey: (r: T) => string;
  columns: ColumnsType<T>;
  /** a card's title and its lines (one element each) */
  card: { title: (r: T) => ReactNode; lines: (r: T) => ReactNode[] };
}

export function PublicList<T extends object>(p: PublicListProps<T>) {
  if (!p.data && p.error) return <Empty description={p.errorText} />;
  if (!p.data) return <Spin data-testid={`${p.testId}-loading`} style={{ display: 'block', padding: 48 }} />;
  if (p.narrow) {
    return (
      <Spin spinning={p.loading}>
        <Typography.Text type="secondary" data-testid={`${p.testId}-total`}>共 {p.data.total} {p.unit}</Typography.Text>
        {p.data.items.length === 0 ? <Empty description={p.emptyText} /> : (
          <List
            dataSource={p.data.items}
            renderItem={(r) => (
              <List.Item style={{ padding: '6px 0' }}>
                <Card size="small" title={<span style={{ whiteSpace: 'normal' }}>{p.card.title(r)}</span>} data-testid={`${p.testId}-card`} style={{ width: '100%' }}>
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    {p.card.lines(r).map((line, i) => <div key={i} style={{ wordBreak: 'break-all' }}>{line}</div>)}
                  </Space>
                </Card>
              </List.Item>
            )}
          />
        )}
        <Pagination simple current={p.page} pageSize={p.pageSize} total={p.data.total} onChange={p.onPage} style={{ marginTop: 12, textAlign: 'center' }} />
      </Spin>
    );
  }
  return (
    <Table<T>
      rowKey={p.rowKey}
      loading={p.loading}
      dataSource={p.data.items}
      locale={{ emptyText: p.emptyText }}
      pagination={{ current: p.page, pageSize: p.pageSize, total: p.data.total, onChange: p.onPage, showTotal: (t) => `共 ${t} ${p.unit}`, showSizeChanger: false }}
      columns={p.columns}
    />
  );
}
