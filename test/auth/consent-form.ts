// Test helper: submits an OAuth consent page's form over plain HTTP, as a browser would
// when the user clicks the button whose label contains `buttonLabel`.
import assert from 'node:assert/strict';

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeHtml = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Returns the Location the form's POST redirects to. */
export async function submitConsent(pageUrl: string, buttonLabel = 'Authorize'): Promise<string> {
  const page = await fetch(pageUrl);
  assert.equal(page.status, 200, 'consent page');
  const html = await page.text();
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  assert.ok(form, 'the consent page has a form');
  const formTag = form[0].slice(0, form[0].indexOf('>') + 1);
  const action = new URL(unescapeHtml(attr(formTag, 'action') ?? ''), pageUrl);
  assert.equal((attr(formTag, 'method') ?? 'get').toLowerCase(), 'post');
  const fields = new URLSearchParams();
  for (const input of form[1]!.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attr(input, 'name');
    if (name && attr(input, 'type') === 'hidden') fields.append(name, unescapeHtml(attr(input, 'value') ?? ''));
  }
  const button = [...form[1]!.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].find((m) => m[2]!.includes(buttonLabel));
  assert.ok(button, `a button labelled ${buttonLabel}`);
  const name = attr(button[1]!, 'name');
  if (name) fields.append(name, unescapeHtml(attr(button[1]!, 'value') ?? ''));
  const response = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
  assert.equal(response.status, 302, 'the form redirects to the callback');
  return response.headers.get('location') ?? '';
}
