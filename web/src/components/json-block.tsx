/** Shows a JSON value as plain text in a <pre> — never as HTML. */
export function JsonBlock({ value }: { value: unknown }) {
  if (value === undefined || value === null) return <span style={{ color: '#999' }}>（无）</span>;
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  } catch {
    text = String(value);
  }
  return <pre className="json-block">{text}</pre>;
}
