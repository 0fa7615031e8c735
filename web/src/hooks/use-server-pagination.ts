import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';

/**
 * Page state for a table whose rows the server pages: changing the page size goes back to
 * page 1. `pagination(total, showTotal)` gives the Table's pagination prop.
 */
export function useServerPagination(initialPageSize = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination = (total: number, showTotal: (total: number) => string): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    showTotal: (t) => showTotal(t),
    onChange: (p, s) => {
      setPage(s !== pageSize ? 1 : p);
      setPageSize(s);
    },
  });
  return { page, pageSize, setPage, pagination };
}
