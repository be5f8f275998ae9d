import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import type { Document } from '../../lib/bindings/Document';
import type { PickedFile } from '../../lib/bindings/PickedFile';

// Tauri's invoke itself is mocked, so the command names and argument names the page sends
// are checked too (lib/api.ts), not only what the panel does with the answers.
const invoke = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/core', () => ({ invoke }));

import DocumentsPanel from './DocumentsPanel.svelte';
import { listenForDrops } from '../../lib/drop';

const doc = (over: Partial<Document> = {}): Document => ({
  id: 5, subject: { kind: 'client', id: 9 }, name: 'Pasaporte.pdf', media_type: 'application/pdf', kind: 'pdf', size: 1_400_000,
  sha256: 'ab', checklist_item: null, scripted: false, version: 1, supersedes: null, superseded_by: null,
  added_by: 'Rosa Martínez', added_at: '2026-11-02T15:00:00Z', can_open: true, ...over,
});

type Handler = (args: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;
let listed: Document[];

/** The calls made with `command`, by their arguments. */
const calls = (command: string) => invoke.mock.calls.filter(([c]) => c === command).map(([, args]) => args);
const byId = (id: string) => document.getElementById(id) as HTMLElement;
const message = () => byId('documents-message');

beforeEach(() => {
  setLang('en');
  listed = [];
  handlers = { documents: () => listed };
  invoke.mockReset();
  invoke.mockImplementation(async (command: string, args: Record<string, unknown>) => {
    const h = handlers[command];
    if (!h) throw new Error(`no handler for ${command}`);
    return h(args ?? {});
  });
});

describe('DocumentsPanel: the list', () => {
  it('lists each current document with its kind, size, version, who added it, its item and a scripts warning', async () => {
    listed = [
      doc({ id: 8, name: 'Declaración.docx', kind: 'word', size: 48_213, version: 2, supersedes: 3, checklist_item: 'declaration' }),
      doc({ id: 5, scripted: true }),
      doc({ id: 6, name: 'Fotos.zip', kind: 'archive', size: 900, added_by: '', can_open: false }),
    ];
    const lines = [{ item: 'declaration', label: { en: 'Your declaration', es: 'Su declaración' }, hint: null, source: null, doubt: null, clinic_item: false, state: 'attached' as const, documents: [8], marked_by: null }];
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 }, lines });
    await waitFor(() => expect(document.querySelectorAll('.document-row')).toHaveLength(3));
    expect(calls('documents')).toEqual([{ subject: { kind: 'client', id: 9 } }]);
    const [word, pdf, zip] = [...document.querySelectorAll('.document-row')] as HTMLElement[];
    expect(word.dataset.id).toBe('8');
    expect(word).toHaveTextContent('Declaración.docx');
    expect(word).toHaveTextContent('Word document');
    expect(word).toHaveTextContent('48 kB');
    expect(word).toHaveTextContent('version 2');
    expect(word).toHaveTextContent('Added by Rosa Martínez on Nov 2, 2026');
    expect(word).toHaveTextContent('For: Your declaration');
    expect(word.querySelector('[data-scripted]')).toBeNull();
    expect(byId('history-8')).not.toBeNull();
    expect(pdf).toHaveTextContent('1.4 MB');
    expect(pdf.querySelector('[data-version]')).toBeNull();
    expect(pdf.querySelector('[data-scripted]')).toHaveTextContent('Contains scripts');
    expect(byId('history-5')).toBeNull();
    // An archive can only be saved, never opened.
    expect(zip).toHaveTextContent('Added on Nov 2, 2026');
    expect(byId('open-document-6')).toBeNull();
    expect(byId('export-document-6')).not.toBeNull();
    expect(byId('open-document-8')).not.toBeNull();
    expect(byId('documents')).toHaveTextContent('Amparo removes it when the vault locks');
    expect(byId('drop-hint')).toHaveTextContent('or drop files here');
  });

  it('speaks Spanish', async () => {
    setLang('es');
    listed = [doc()];
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await screen.findByRole('heading', { name: 'Documentos' });
    await waitFor(() => expect(byId('open-document-5')).toHaveTextContent('Abrir'));
    expect(byId('export-document-5')).toHaveTextContent('Guardar una copia');
    expect(byId('attach-documents')).toHaveTextContent('Adjuntar archivos');
    expect(byId('documents')).toHaveTextContent('Amparo la borra cuando la bóveda se bloquea');
  });
});

describe('DocumentsPanel: attaching', () => {
  it('picks files in Amparo’s dialog, then attaches each by its token to the record', async () => {
    const picked: PickedFile[] = [{ token: 41, name: 'Pasaporte.pdf', size: 1_450_000 }];
    handlers.pick_documents = () => picked;
    handlers.attach_document = () => {
      listed = [doc()];
      return doc();
    };
    const onAttached = vi.fn();
    render(DocumentsPanel, { subject: { kind: 'matter', id: 7 }, onAttached });
    await screen.findByText('No documents yet.');
    await fireEvent.click(byId('attach-documents'));
    await waitFor(() => expect(message()).toHaveTextContent('Attached Pasaporte.pdf'));
    expect(invoke.mock.calls.map(([c]) => c)).toEqual(['documents', 'pick_documents', 'attach_document', 'documents']);
    expect(calls('attach_document')).toEqual([{ subject: { kind: 'matter', id: 7 }, token: 41, checklistItem: null, supersedes: null }]);
    expect(message()).toHaveAttribute('role', 'status');
    await waitFor(() => expect(document.querySelectorAll('.document-row')).toHaveLength(1));
    expect(onAttached).toHaveBeenCalledTimes(1);
  });

  it('opens one dialog for two quick presses', async () => {
    let answer: (files: PickedFile[]) => void = () => {};
    handlers.pick_documents = () => new Promise((resolve) => (answer = resolve));
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await screen.findByText('No documents yet.');
    await fireEvent.click(byId('attach-documents'));
    await fireEvent.click(byId('attach-documents'));
    await waitFor(() => expect(calls('pick_documents')).toHaveLength(1));
    answer([]);
    await new Promise((r) => setTimeout(r, 0));
    await fireEvent.click(byId('attach-documents'));
    await waitFor(() => expect(calls('pick_documents')).toHaveLength(2));
  });

  it('does nothing when the dialog is cancelled', async () => {
    handlers.pick_documents = () => [];
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await screen.findByText('No documents yet.');
    await fireEvent.click(byId('attach-documents'));
    await waitFor(() => expect(calls('pick_documents')).toHaveLength(1));
    expect(calls('attach_document')).toHaveLength(0);
    expect(message()).toBeNull();
  });

  it('shows why a refused file was refused, in the user’s language, and still attaches the next', async () => {
    setLang('es');
    handlers.pick_documents = () => [
      { token: 1, name: 'setup.exe', size: 300 },
      { token: 2, name: 'Pasaporte.pdf', size: 1_450_000 },
    ];
    handlers.attach_document = (args) => {
      if (args.token === 1) {
        throw {
          code: 'invalid_input',
          message: 'invalid',
          fields: [{ field: 'file', message: { en: 'setup.exe is a program, not a document.', es: 'setup.exe es un programa, no un documento.' } }],
        };
      }
      listed = [doc()];
      return doc();
    };
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await screen.findByText('Nada todavía.');
    await fireEvent.click(byId('attach-documents'));
    await waitFor(() => expect(message()).toHaveTextContent('Archivos adjuntados: 1 de 2.'));
    expect(calls('attach_document').map((a) => a.token)).toEqual([1, 2]);
    const [refused, attached] = [...byId('documents-progress').querySelectorAll('li')];
    expect(refused).toHaveAttribute('data-file-state', 'refused');
    expect(refused).toHaveTextContent('setup.exe — setup.exe es un programa, no un documento.');
    expect(attached).toHaveAttribute('data-file-state', 'attached');
    expect(attached).toHaveTextContent('Pasaporte.pdf — adjuntado');
    expect(message()).toHaveClass('error');
    await waitFor(() => expect(document.querySelectorAll('.document-row')).toHaveLength(1));
  });

  it('says why a single file was refused, by its code when Rust gave no field', async () => {
    handlers.pick_documents = () => [{ token: 3, name: 'Pasaporte.pdf', size: 10 }];
    handlers.attach_document = () => {
      throw { code: 'not_picked', message: 'That file is no longer chosen. Choose it again.', fields: [] };
    };
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await screen.findByText('No documents yet.');
    await fireEvent.click(byId('attach-documents'));
    await waitFor(() => expect(message()).toHaveTextContent('Pasaporte.pdf was not attached: That file is no longer chosen. Choose it again.'));
    expect(byId('documents-progress')).toBeNull();
  });

  it('attaches for the checklist item chosen', async () => {
    handlers.pick_documents = () => [{ token: 7, name: 'Acta.pdf', size: 10 }];
    handlers.attach_document = () => doc({ checklist_item: 'identity_documents' });
    const lines = [{ item: 'identity_documents', label: { en: 'Passport and other identity documents', es: 'Pasaporte' }, hint: null, source: null, doubt: null, clinic_item: false, state: 'missing' as const, documents: [], marked_by: null }];
    render(DocumentsPanel, { subject: { kind: 'matter', id: 7 }, lines });
    await screen.findByText('No documents yet.');
    await fireEvent.change(byId('attach-for'), { target: { value: 'identity_documents' } });
    await fireEvent.click(byId('attach-documents'));
    await waitFor(() => expect(calls('attach_document')).toEqual([{ subject: { kind: 'matter', id: 7 }, token: 7, checklistItem: 'identity_documents', supersedes: null }]));
  });

  it('attaches a new version on the same record, for the same item, superseding the old one', async () => {
    listed = [doc({ checklist_item: 'identity_documents' })];
    handlers.pick_documents = () => [{ token: 9, name: 'Pasaporte 2027.pdf', size: 10 }];
    handlers.attach_document = () => {
      const next = doc({ id: 12, name: 'Pasaporte 2027.pdf', version: 2, supersedes: 5, checklist_item: 'identity_documents' });
      listed = [next];
      return next;
    };
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await fireEvent.click(await screen.findByRole('button', { name: 'New version' }));
    await waitFor(() => expect(message()).toHaveTextContent('Attached Pasaporte 2027.pdf as version 2.'));
    expect(calls('attach_document')).toEqual([{ subject: { kind: 'client', id: 9 }, token: 9, checklistItem: 'identity_documents', supersedes: 5 }]);
    await waitFor(() => expect(document.activeElement).toBe(byId('new-version-12')));
  });
});

describe('DocumentsPanel: open, save a copy, history', () => {
  it('opens a document in the viewer and says so', async () => {
    listed = [doc()];
    handlers.open_document = () => true;
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Open' }));
    await waitFor(() => expect(message()).toHaveTextContent('Opened Pasaporte.pdf in your viewer app.'));
    expect(calls('open_document')).toEqual([{ id: 5, scriptsConfirmed: false }]);
  });

  it('asks before opening a PDF with scripts, and opens it only on a yes', async () => {
    listed = [doc({ scripted: true })];
    handlers.open_document = () => false;
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Open' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask).toHaveTextContent('This PDF contains scripts');
    expect(ask).toHaveTextContent('Pasaporte.pdf contains JavaScript');
    await waitFor(() => expect(document.activeElement).toBe(byId('open-cancel-5')));
    expect(calls('open_document')).toHaveLength(0);
    // No: nothing opens and the focus goes back to Open.
    await fireEvent.click(byId('open-cancel-5'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(byId('open-document-5')));
    expect(calls('open_document')).toHaveLength(0);
    // Escape is a no too.
    await fireEvent.click(byId('open-document-5'));
    await fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls('open_document')).toHaveLength(0);
    // Yes.
    await fireEvent.click(byId('open-document-5'));
    await fireEvent.click(byId('open-confirm-5'));
    await waitFor(() => expect(calls('open_document')).toEqual([{ id: 5, scriptsConfirmed: true }]));
    await waitFor(() => expect(message()).toHaveTextContent('the temporary copy is on disk until the vault locks'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('shows the no-viewer refusal in Spanish', async () => {
    setLang('es');
    listed = [doc()];
    handlers.open_document = () => {
      throw { code: 'no_viewer', message: 'No program to open this file was found (x). Export a copy instead.', fields: [] };
    };
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Abrir' }));
    await waitFor(() => expect(message()).toHaveTextContent('No se encontró en esta computadora ningún programa'));
  });

  it('saves a copy and names the file written; a cancelled save says nothing', async () => {
    listed = [doc()];
    let answer: string | null = 'Pasaporte.pdf';
    handlers.export_document = () => answer;
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Save a copy' }));
    await waitFor(() => expect(message()).toHaveTextContent('Saved a copy as Pasaporte.pdf.'));
    expect(calls('export_document')).toEqual([{ id: 5 }]);
    answer = null;
    await fireEvent.click(byId('export-document-5'));
    await waitFor(() => expect(calls('export_document')).toHaveLength(2));
    await waitFor(() => expect(message()).toBeNull());
  });

  it('shows the earlier versions, each with Save a copy', async () => {
    listed = [doc({ id: 12, version: 3, supersedes: 11 })];
    handlers.document_history = () => [
      doc({ id: 10, name: 'Pasaporte viejo.pdf', version: 1, superseded_by: 11 }),
      doc({ id: 11, name: 'Pasaporte 2.pdf', version: 2, supersedes: 10, superseded_by: 12 }),
      doc({ id: 12, version: 3, supersedes: 11 }),
    ];
    handlers.export_document = (args) => (args.id === 10 ? 'Pasaporte viejo.pdf' : null);
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await waitFor(() => expect(byId('history-12')).toHaveAttribute('aria-expanded', 'false'));
    await fireEvent.click(byId('history-12'));
    await waitFor(() => expect(document.querySelectorAll('.document-version')).toHaveLength(2));
    expect(calls('document_history')).toEqual([{ id: 12 }]);
    expect(byId('history-12')).toHaveAttribute('aria-expanded', 'true');
    const versions = [...document.querySelectorAll('.document-version')];
    expect(versions[0]).toHaveTextContent('version 2');
    expect(versions[1]).toHaveTextContent('version 1 Pasaporte viejo.pdf');
    await fireEvent.click(byId('export-document-10'));
    await waitFor(() => expect(message()).toHaveTextContent('Saved a copy as Pasaporte viejo.pdf.'));
    await fireEvent.click(byId('history-12'));
    expect(document.querySelectorAll('.document-version')).toHaveLength(0);
  });
});

describe('DocumentsPanel: removing a file attached by mistake', () => {
  it('asks why, shows the core’s refusal, then removes it and says so; Escape and Cancel keep it', async () => {
    listed = [doc({ id: 12, name: 'Pasaporte de otra persona.pdf' })];
    handlers.remove_document = (args) => {
      if (!String(args.reason).trim()) {
        throw { code: 'invalid_input', message: 'invalid', fields: [{ field: 'reason', message: { en: 'Say why the document is removed.', es: 'Diga por qué se quita el documento.' } }] };
      }
      listed = [];
    };
    const onAttached = vi.fn();
    render(DocumentsPanel, { subject: { kind: 'matter', id: 7 }, onAttached });
    await waitFor(() => expect(byId('remove-document-12')).not.toBeNull());
    await fireEvent.click(byId('remove-document-12'));
    expect(byId('remove-panel-12')).toHaveTextContent('Remove Pasaporte de otra persona.pdf?');
    expect(byId('remove-panel-12')).toHaveTextContent('cannot be brought back');
    await waitFor(() => expect(document.activeElement).toBe(byId('remove-reason-12')));
    await fireEvent.keyDown(byId('remove-reason-12'), { key: 'Escape' });
    expect(byId('remove-panel-12')).toBeNull();
    expect(calls('remove_document')).toEqual([]);

    await fireEvent.click(byId('remove-document-12'));
    await fireEvent.click(byId('remove-confirm-12'));
    await waitFor(() => expect(byId('remove-error-12')).toHaveTextContent('Say why the document is removed.'));
    expect(byId('document-12')).not.toBeNull();
    await fireEvent.input(byId('remove-reason-12'), { target: { value: 'Wrong client' } });
    await fireEvent.click(byId('remove-confirm-12'));
    await waitFor(() => expect(message()).toHaveTextContent('Removed Pasaporte de otra persona.pdf.'));
    expect(calls('remove_document').at(-1)).toEqual({ id: 12, reason: 'Wrong client' });
    await waitFor(() => expect(byId('document-12')).toBeNull());
    expect(onAttached).toHaveBeenCalled();
  });

  it('offers no removal on a read-only record', async () => {
    listed = [doc({ id: 12 })];
    render(DocumentsPanel, { subject: { kind: 'matter', id: 7 }, readOnly: true });
    await waitFor(() => expect(byId('document-12')).not.toBeNull());
    expect(byId('remove-document-12')).toBeNull();
  });
});

describe('DocumentsPanel: files dropped on the window', () => {
  let stop: () => void;
  let nowhere: ReturnType<typeof vi.fn<() => void>>;
  beforeEach(() => {
    nowhere = vi.fn<() => void>();
    stop = listenForDrops(nowhere);
  });
  afterEach(() => stop());

  it('takes the dropped files and attaches them to its record', async () => {
    handlers.dropped_documents = () => [{ token: 77, name: 'Acta de nacimiento.jpg', size: 2_000 }];
    handlers.attach_document = () => doc({ id: 13, name: 'Acta de nacimiento.jpg', kind: 'image' });
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    await screen.findByText('No documents yet.');
    window.dispatchEvent(new Event('amparo-drop'));
    // Nothing is attached until the user says where: the record on screen, here.
    const ask = await screen.findByRole('alertdialog', { name: 'Attach 1 dropped file(s) to this client?' });
    expect(ask).toHaveTextContent('Acta de nacimiento.jpg');
    expect(calls('attach_document')).toHaveLength(0);
    await waitFor(() => expect(document.activeElement).toBe(byId('drop-confirm')));
    await fireEvent.click(byId('drop-confirm'));
    await waitFor(() => expect(message()).toHaveTextContent('Attached Acta de nacimiento.jpg'));
    expect(calls('dropped_documents')).toHaveLength(1);
    expect(calls('attach_document')).toEqual([{ subject: { kind: 'client', id: 9 }, token: 77, checklistItem: null, supersedes: null }]);
    expect(nowhere).not.toHaveBeenCalled();
  });

  it('gives them to the panel mounted last, and to the one before once it is gone', async () => {
    handlers.dropped_documents = () => [{ token: 78, name: 'Carta.pdf', size: 2_000 }];
    handlers.attach_document = () => doc();
    render(DocumentsPanel, { subject: { kind: 'client', id: 9 } });
    const matter = render(DocumentsPanel, { subject: { kind: 'matter', id: 7 } });
    await waitFor(() => expect(calls('documents')).toHaveLength(2));
    window.dispatchEvent(new Event('amparo-drop'));
    await fireEvent.click(await screen.findByRole('button', { name: 'Attach here' }));
    await waitFor(() => expect(calls('attach_document')).toHaveLength(1));
    expect(calls('attach_document')[0].subject).toEqual({ kind: 'matter', id: 7 });
    matter.unmount();
    window.dispatchEvent(new Event('amparo-drop'));
    await fireEvent.click(await screen.findByRole('button', { name: 'Attach here' }));
    await waitFor(() => expect(calls('attach_document')).toHaveLength(2));
    expect(calls('attach_document')[1].subject).toEqual({ kind: 'client', id: 9 });
  });

  it('attaches nothing when the user says no to a drop', async () => {
    handlers.dropped_documents = () => [{ token: 80, name: 'Equivocado.pdf', size: 2_000 }];
    render(DocumentsPanel, { subject: { kind: 'matter', id: 7 } });
    await waitFor(() => expect(calls('documents')).toHaveLength(1));
    window.dispatchEvent(new Event('amparo-drop'));
    await screen.findByRole('alertdialog', { name: 'Attach 1 dropped file(s) to this case?' });
    await fireEvent.click(byId('drop-cancel'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls('attach_document')).toHaveLength(0);
  });

  it('with no panel on screen, takes the files anyway and asks for a client or a case first', async () => {
    handlers.dropped_documents = () => [{ token: 79, name: 'Carta.pdf', size: 2_000 }];
    window.dispatchEvent(new Event('amparo-drop'));
    await waitFor(() => expect(nowhere).toHaveBeenCalledTimes(1));
    expect(calls('dropped_documents')).toHaveLength(1);
    expect(calls('attach_document')).toHaveLength(0);
  });
});
