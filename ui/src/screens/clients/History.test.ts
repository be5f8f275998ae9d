import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import History from './History.svelte';
import type { AuditEntry } from '../../lib/bindings/AuditEntry';

const entry = (id: number, action: string, changes: unknown): AuditEntry => ({
  id, at: '2026-12-01T15:04:00Z', actor: 'Lucía Fernández', action, entity: 'client', entity_id: 9, changes: JSON.stringify(changes),
});

describe('History', () => {
  it('says who did what in words, and which fields changed from what to what', () => {
    setLang('en');
    render(History, {
      entries: [
        entry(1, 'create', { given_name: 'Amina', family_name: 'Haile' }),
        entry(2, 'update', { phone: [null, '+1 410 555 0199'], languages: [['ti'], ['ti', 'en']], sync_note: ['a', 'b'] }),
        entry(3, 'close', {}),
      ],
    });
    const items = [...document.querySelectorAll('#history > ul > li')].map((li) => li.textContent ?? '');
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/Lucía Fernández: created/);
    // A new record lists no "from → to" lines: it had no "before".
    expect(items[0]).not.toMatch(/→/);
    expect(items[1]).toMatch(/Lucía Fernández: changed/);
    // Fields by their form's label, without its typing hint; a column no form shows, by name.
    expect(items[1]).toContain('Phone: — → +1 410 555 0199');
    expect(items[1]).toContain('Languages: ti → ti, en');
    expect(items[1]).toContain('sync note: a → b');
    expect(items[2]).toMatch(/closed/);
  });

  it('speaks Spanish in Spanish, and shows an action it does not know as it is', () => {
    setLang('es');
    render(History, { entries: [entry(4, 'update', { judge: ['Okonkwo', 'Ruiz'] }), entry(5, 'merge', {})] });
    const text = document.querySelector('#history')!.textContent ?? '';
    expect(text).toContain('cambió');
    expect(text).toContain('Juez o jueza: Okonkwo → Ruiz');
    expect(text).toContain('merge');
    setLang('en');
  });
});
