/**
 * Fetches a file the server answers (Excel, CSV) and saves it through a link, under the server's
 * filename (Content-Disposition) or `fallbackName`. A refusal is thrown as the server's Chinese
 * message (`{ error: { message } }`), so a page shows it like any other error.
 */
export async function saveDownload(url: string, fallbackName: string, init: RequestInit = {}, what = '下载'): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', ...init });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `${what}失败（${res.status}）`);
  }
  const blob = await res.blob();
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
