import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import type { Checklist } from '../../lib/bindings/Checklist';
import type { ChecklistLine } from '../../lib/bindings/ChecklistLine';
import type { Document } from '../../lib/bindings/Document';

// Tauri's invoke itself is mocked: the command and argument names are checked too.
const invoke = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/core', () => ({ invoke }));

import ChecklistPanel from './ChecklistPanel.svelte';

const line = (item: string, over: Partial<ChecklistLine> = {}): ChecklistLine => ({
  item,
  label: { en: `Label of ${item}`, es: `Rótulo de ${item}` },
  hint: null,
  source: null,
  doubt: null,
  clinic_item: false,
  state: 'missing',
  documents: [],
  marked_by: null,
  ...over,
});

const identity = line('identity_documents', {
  label: { en: 'Passport (every page) and other identity documents', es: 'Pasaporte (todas las páginas) y otros documentos de identidad' },
  hint: { en: 'Copy every page of each passport, blank ones too.', es: 'Copie todas las páginas de cada pasaporte, también las en blanco.' },
  source: 'USCIS, Instructions for Form I-589, Part 1, § VI',
  doubt: 'The text of § VI in the current I-589 instructions was not read.',
});

function checklist(lines: ChecklistLine[]): Checklist {
  return { matter_id: 7, kind: 'defensive_asylum', edition: '2026-12-06', lines, missing: lines.filter((l) => l.state === 'missing').length };
}

const passport: Document = {
  id: 31, subject: { kind: 'matter', id: 7 }, name: 'Pasaporte Haile.pdf', media_type: 'application/pdf', kind: 'pdf', size: 48_213,
  sha256: 'ab', checklist_item: 'identity_documents', scripted: false, version: 1, supersedes: null, superseded_by: null,
  added_by: 'Rosa', added_at: '2026-11-02T15:00:00Z', can_open: true,
};

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;
let current: Checklist;

const calls = (command: string) => invoke.mock.calls.filter(([c]) => c === command).map(([, args]) => args);
const byId = (id: string) => document.getElementById(id) as HTMLElement;
const lineOf = (item: string) => document.querySelector(`.checklist-line[data-item="${item}"]`) as HTMLElement;

beforeEach(() => {
  setLang('en');
  current = checklist([identity, line('declaration', { state: 'have', marked_by: 'Rosa Martínez' }), line('country_conditions')]);
  handlers = {
    checklist: () => current,
    mark_checklist_item: (args) => {
      current = checklist(current.lines.map((l) => (l.item === args.item ? { ...l, state: args.mark === 'missing' ? 'missing' : (args.mark as ChecklistLine['state']), marked_by: args.mark === 'missing' ? null : 'e2e' } : l)));
      return current;
    },
  };
  invoke.mockReset();
  invoke.mockImplementation(async (command: string, args: Record<string, unknown>) => {
    const h = handlers[command];
    if (!h) throw new Error(`no handler for ${command}`);
    return h(args ?? {});
  });
});

describe('ChecklistPanel', () => {
  it('shows each item with its state, hint and source, the count missing, and the edition', async () => {
    render(ChecklistPanel, { matterId: 7 });
    await waitFor(() => expect(byId('checklist-missing')).toHaveTextContent('2 missing'));
    expect(calls('checklist')).toEqual([{ matterId: 7 }]);
    expect([...document.querySelectorAll('.checklist-line')].map((l) => (l as HTMLElement).dataset.state)).toEqual(['missing', 'have', 'missing']);
    const id = lineOf('identity_documents');
    expect(id).toHaveTextContent('Passport (every page) and other identity documents');
    expect(id).toHaveTextContent('Copy every page of each passport, blank ones too.');
    expect(id.querySelector('cite')).toHaveTextContent('USCIS, Instructions for Form I-589, Part 1, § VI');
    // What the list's authors could not confirm is said, where the source is.
    expect(id.querySelector('summary')).toHaveTextContent('What counts, and the source · to check');
    expect(id.querySelector('[data-doubt]')).toHaveTextContent('Not yet confirmed in the source; check before relying on it: The text of § VI');
    expect(lineOf('country_conditions').querySelector('[data-doubt]')).toBeNull();
    expect(id).toHaveTextContent('Missing');
    // A missing item can be attached for or marked; a hand mark can be undone.
    expect(byId('attach-item-identity_documents')).not.toBeNull();
    expect(byId('mark-have-identity_documents')).not.toBeNull();
    expect(byId('mark-not-needed-identity_documents')).not.toBeNull();
    expect(byId('unmark-identity_documents')).toBeNull();
    expect(lineOf('declaration')).toHaveTextContent('We have it');
    expect(lineOf('declaration')).toHaveTextContent('marked by Rosa Martínez');
    expect(byId('unmark-declaration')).not.toBeNull();
    expect(byId('mark-have-declaration')).toBeNull();
    expect(byId('checklist-note')).toHaveTextContent('A reminder list, not legal advice. List edition 2026-12-06.');
  });

  it('speaks Spanish, with Rust’s labels in Spanish', async () => {
    setLang('es');
    render(ChecklistPanel, { matterId: 7 });
    await waitFor(() => expect(byId('checklist-missing')).toHaveTextContent('Faltan: 2'));
    expect(screen.getByRole('heading', { name: 'Lista de pruebas' })).toBeInTheDocument();
    expect(lineOf('identity_documents')).toHaveTextContent('Pasaporte (todas las páginas) y otros documentos de identidad');
    expect(lineOf('identity_documents')).toHaveTextContent('Copie todas las páginas');
    expect(lineOf('identity_documents')).toHaveTextContent('Falta');
    expect(byId('checklist-note')).toHaveTextContent('no asesoría legal');
  });

  it('marks an item as had, as not needed, and takes a hand mark away, each with its own mark', async () => {
    render(ChecklistPanel, { matterId: 7 });
    await waitFor(() => expect(byId('mark-have-identity_documents')).not.toBeNull());
    await fireEvent.click(byId('mark-have-identity_documents'));
    await waitFor(() => expect(lineOf('identity_documents')).toHaveAttribute('data-state', 'have'));
    expect(calls('mark_checklist_item')).toEqual([{ matterId: 7, item: 'identity_documents', mark: 'have' }]);
    expect(byId('checklist-missing')).toHaveTextContent('1 missing');
    expect(byId('checklist-message')).toHaveTextContent('“Passport (every page) and other identity documents”: marked as we have it.');
    await waitFor(() => expect(document.activeElement).toBe(byId('unmark-identity_documents')));

    await fireEvent.click(byId('mark-not-needed-country_conditions'));
    await waitFor(() => expect(lineOf('country_conditions')).toHaveAttribute('data-state', 'not_needed'));
    expect(calls('mark_checklist_item')[1]).toEqual({ matterId: 7, item: 'country_conditions', mark: 'not_needed' });

    await fireEvent.click(byId('unmark-identity_documents'));
    await waitFor(() => expect(lineOf('identity_documents')).toHaveAttribute('data-state', 'missing'));
    expect(calls('mark_checklist_item')[2]).toEqual({ matterId: 7, item: 'identity_documents', mark: 'missing' });
    await waitFor(() => expect(document.activeElement).toBe(byId('mark-have-identity_documents')));
  });

  it('attaches a file for an item to the case, and names it on the line', async () => {
    handlers.pick_documents = () => [{ token: 3, name: 'Pasaporte Haile.pdf', size: 48_213 }];
    handlers.attach_document = () => {
      current = checklist(current.lines.map((l) => (l.item === 'identity_documents' ? { ...l, state: 'attached', documents: [31, 40] } : l)));
      return passport;
    };
    const onAttached = vi.fn();
    render(ChecklistPanel, { matterId: 7, documents: [passport], onAttached });
    await waitFor(() => expect(byId('attach-item-identity_documents')).not.toBeNull());
    await fireEvent.click(byId('attach-item-identity_documents'));
    await waitFor(() => expect(lineOf('identity_documents')).toHaveAttribute('data-state', 'attached'));
    expect(calls('attach_document')).toEqual([{ subject: { kind: 'matter', id: 7 }, token: 3, checklistItem: 'identity_documents', supersedes: null }]);
    expect(calls('checklist')).toHaveLength(2);
    expect(onAttached).toHaveBeenCalledTimes(1);
    expect(byId('checklist-message')).toHaveTextContent('Attached Pasaporte Haile.pdf');
    // One file named; the other is on the client, a hearing or a filing.
    expect(lineOf('identity_documents').querySelector('[data-documents]')).toHaveTextContent('Attached: Pasaporte Haile.pdf, 1 on the client, a hearing or a filing');
  });

  it('adds the clinic’s own item for this kind of case, and shows Rust’s refusal under the field', async () => {
    handlers.add_clinic_item = (args) => {
      if (!(args.label as string).trim()) throw { code: 'invalid_input', message: 'invalid', fields: [{ field: 'label', message: { en: 'Write what the item is.', es: 'Escriba qué es.' } }] };
      current = checklist([...current.lines, line('clinic_1', { label: { en: 'Letter from the church', es: 'Letter from the church' }, clinic_item: true })]);
      return { id: 'clinic_1', kind: 'defensive_asylum', label: 'Letter from the church' };
    };
    render(ChecklistPanel, { matterId: 7 });
    await waitFor(() => expect(byId('clinic-item-label')).not.toBeNull());
    expect(byId('clinic-item-form')).toHaveTextContent('every case of this kind (Defensive asylum)');
    await fireEvent.input(byId('clinic-item-label'), { target: { value: '   ' } });
    // Blank: the button waits for words.
    expect(byId('add-clinic-item')).toBeDisabled();
    await fireEvent.submit(byId('clinic-item-form'));
    await waitFor(() => expect(byId('clinic-item-error')).toHaveTextContent('Write what the item is.'));
    await fireEvent.input(byId('clinic-item-label'), { target: { value: 'Letter from the church' } });
    await fireEvent.click(byId('add-clinic-item'));
    await waitFor(() => expect(lineOf('clinic_1')).not.toBeNull());
    expect(calls('add_clinic_item').at(-1)).toEqual({ kind: 'defensive_asylum', label: 'Letter from the church' });
    expect(lineOf('clinic_1')).toHaveTextContent('Your clinic’s item');
    expect(byId('checklist-message')).toHaveTextContent('Added “Letter from the church” to every case of this kind.');
    expect((byId('clinic-item-label') as HTMLInputElement).value).toBe('');
  });
});
