const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an element or attribute; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(key: string, value: unknown, indent: string): string {
  // Keys come from IDnow's JSON; one that is not an XML name is kept as an attribute instead.
  const [open, close] =
    NAME.test(key) && !/^xml/i.test(key) ? [key, key] : [`field name="${escapeXml(key)}"`, 'field'];
  if (value === null || value === undefined) return `${indent}<${open}/>\n`;
  if (Array.isArray(value)) {
    const items = value.map((v) => element('item', v, `${indent}  `)).join('');
    return `${indent}<${open}>\n${items}${indent}</${close}>\n`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v, `${indent}  `))
      .join('');
    return children ? `${indent}<${open}>\n${children}${indent}</${close}>\n` : `${indent}<${open}/>\n`;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `${indent}<${open}>${escapeXml(text)}</${close}>\n`;
}

/** The result JSON as the `{txn}.xml` of the evidence zip: one element per key, UTF-8. */
export function resultXml(result: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('identification', result, '')}`;
}
