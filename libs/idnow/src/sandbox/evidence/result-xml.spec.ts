import { describe, expect, it } from '@jest/globals';
import { escapeXml, resultXml } from './result-xml.js';

describe(resultXml.name, () => {
  it('renders the result JSON as elements, escaping text and odd keys', () => {
    const xml = resultXml({
      identificationprocess: { result: 'SUCCESS', transactionnumber: 'abc' },
      userdata: { lastname: { value: 'D\'ANNUNZIO <&> "X"', status: 'CHANGE', original: 'DOE' } },
      customdata: { custom1: null, 'bad key': 1, list: ['a', true] },
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<identification>')).toBe(true);
    expect(xml).toContain('<result>SUCCESS</result>');
    expect(xml).toContain('<value>D&apos;ANNUNZIO &lt;&amp;&gt; &quot;X&quot;</value>');
    expect(xml).toContain('<custom1/>');
    expect(xml).toContain('<field name="bad key">1</field>');
    expect(xml).toContain('<item>a</item>');
    expect(xml).toContain('<item>true</item>');
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0000b\u0007c\td')).toBe('abc\td');
  });
});
