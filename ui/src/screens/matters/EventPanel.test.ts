import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import type { Computed } from '../../lib/bindings/Computed';

// What Rust would return for a voluntary departure granted on 2025-11-24 with 30 days: the
// bond and the departure date, the latter with the optional closures of December 2025.
const text = (en: string, es: string) => ({ en, es });
const proposal = (rule: string, due: string, extra: Partial<Computed> = {}): Computed => ({
  rule,
  name: text(`Rule ${rule}`, `Regla ${rule}`),
  from: '2025-11-24',
  due,
  unrolled: due,
  also: null,
  safer: null,
  days: null,
  with_optional_closures: null,
  citation: '',
  source: '',
  citation_es: '',
  source_es: '',
  doubt: null,
  steps: [],
  explanation: text(`Explained ${rule}`, `Explicado ${rule}`),
  table_version: '2026-11-26',
  suggested: false,
  ...extra,
});

const proposeDeadlines = vi.fn(async (event: string) => {
  if (event === 'in_absentia_order')
    return [
      proposal('motion-rescind-in-absentia', '2026-08-31'),
      proposal('petition-for-review', '2026-04-01', { suggested: true }),
    ];
  return [
    proposal('vd-bond', '2025-12-02'),
    proposal('vd-departure', '2025-12-24', {
      days: 30,
      with_optional_closures: {
        due: '2025-12-29',
        closures: [
          { date: '2025-12-24', reason: text('federal offices closed', 'oficinas federales cerradas'), source: 'EO 14371', scope: 'national' },
        ],
      },
    }),
  ];
});
const addEventDeadlines = vi.fn(async () => []);

vi.mock('../../lib/api', () => ({
  ApiError: class extends Error {},
  api: {
    proposeDeadlines: (...a: unknown[]) => (proposeDeadlines as (...x: unknown[]) => unknown)(...a),
    addEventDeadlines: (...a: unknown[]) => (addEventDeadlines as (...x: unknown[]) => unknown)(...a),
  },
}));

import EventPanel from './EventPanel.svelte';

describe('EventPanel', () => {
  beforeEach(() => {
    proposeDeadlines.mockClear();
    addEventDeadlines.mockClear();
    // The day after the decisions above, in local time: none of their deadlines has passed.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 10, 25, 21, 30));
  });
  afterEach(() => vi.useRealTimers());

  it('shows a deadline that has passed unticked, with why', async () => {
    // Late evening on the bond's last day, then the next morning: local dates, not UTC.
    setLang('en');
    vi.setSystemTime(new Date(2025, 11, 2, 23, 30));
    const first = render(EventPanel, { matterId: 7, onAdded: () => {}, onCancel: () => {}, start: { event: 'voluntary_departure_granted', date: '2025-11-24' } });
    await fireEvent.input(screen.getByLabelText(/Days the judge gave/), { target: { value: '30' } });
    await fireEvent.click(screen.getByText('Show the deadlines it starts'));
    await screen.findByText(/Rule vd-bond/);
    const box = (c: HTMLElement, rule: string) => c.querySelector(`[data-rule="${rule}"] input[type=checkbox]`) as HTMLInputElement;
    expect(box(first.container, 'vd-bond').checked).toBe(true);
    first.unmount();
    vi.setSystemTime(new Date(2025, 11, 3, 8, 0));
    const next = render(EventPanel, { matterId: 7, onAdded: () => {}, onCancel: () => {}, start: { event: 'voluntary_departure_granted', date: '2025-11-24' } });
    await fireEvent.input(screen.getByLabelText(/Days the judge gave/), { target: { value: '30' } });
    await fireEvent.click(screen.getByText('Show the deadlines it starts'));
    await screen.findByText(/Rule vd-bond/);
    expect(box(next.container, 'vd-bond').checked).toBe(false);
    expect(box(next.container, 'vd-departure').checked).toBe(true);
    expect(next.container.querySelector('[data-rule="vd-bond"] .passed')?.textContent).toMatch(/already passed/);
  });

  it('asks for the days only for voluntary departure and sends them with the event', async () => {
    setLang('en');
    render(EventPanel, { matterId: 7, onAdded: () => {}, onCancel: () => {} });
    expect(screen.queryByLabelText(/Days the judge gave/)).not.toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText('What happened'), { target: { value: 'voluntary_departure_granted' } });
    const daysField = await screen.findByLabelText(/Days the judge gave/);
    await fireEvent.input(screen.getByLabelText('On what date'), { target: { value: '2025-11-24' } });
    await fireEvent.input(daysField, { target: { value: '30' } });
    await fireEvent.click(screen.getByText('Show the deadlines it starts'));
    expect(proposeDeadlines).toHaveBeenCalledWith('voluntary_departure_granted', '2025-11-24', false, {
      days: 30,
      beforeConclusion: false,
      washingtonArea: false,
    });
    // The optional closures are shown with the later date, and the earlier one is recommended.
    const note = await screen.findByText(/If the optional closures counted/);
    expect(note.textContent).toMatch(/federal offices closed/);
    expect(note.textContent).toMatch(/recommends the earlier date/);
    await fireEvent.click(screen.getByText('Add the ticked deadlines'));
    expect(addEventDeadlines).toHaveBeenCalledWith(7, 'voluntary_departure_granted', '2025-11-24', false, ['vd-bond', 'vd-departure'], {
      days: 30,
      beforeConclusion: false,
      washingtonArea: false,
    });
  });

  it('offers the in absentia order as its own event and speaks Spanish', async () => {
    setLang('es');
    render(EventPanel, { matterId: 7, onAdded: () => {}, onCancel: () => {} });
    expect(screen.getByRole('option', { name: 'Orden de deportación dictada en ausencia' })).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText('Qué pasó'), { target: { value: 'in_absentia_order' } });
    expect(screen.queryByLabelText(/Días que dio el juez/)).not.toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText('En qué fecha'), { target: { value: '2026-03-02' } });
    await fireEvent.click(screen.getByText('Ver los plazos que inicia'));
    expect(proposeDeadlines).toHaveBeenCalledWith('in_absentia_order', '2026-03-02', false, { washingtonArea: false });
    expect(await screen.findByText(/Regla motion-rescind-in-absentia/)).toBeInTheDocument();
    expect(screen.getByText('Explicado motion-rescind-in-absentia')).toBeInTheDocument();
    expect(screen.getByText('Sugerido, sin marcar: agréguelo solo si corresponde.')).toBeInTheDocument();
    setLang('en');
  });

  it('leaves a suggested deadline unticked and adds only the ticked ones', async () => {
    setLang('en');
    const { container } = render(EventPanel, { matterId: 7, onAdded: () => {}, onCancel: () => {} });
    await fireEvent.change(screen.getByLabelText('What happened'), { target: { value: 'in_absentia_order' } });
    await fireEvent.input(screen.getByLabelText('On what date'), { target: { value: '2026-03-02' } });
    await fireEvent.click(screen.getByText('Show the deadlines it starts'));
    await screen.findByText(/Rule petition-for-review/);
    const box = (rule: string) => container.querySelector(`[data-rule="${rule}"] input[type=checkbox]`) as HTMLInputElement;
    expect(box('motion-rescind-in-absentia').checked).toBe(true);
    expect(box('petition-for-review').checked).toBe(false);
    expect(screen.getByText('Suggested, not ticked: add it only if it applies.')).toBeInTheDocument();
    await fireEvent.click(screen.getByText('Add the ticked deadlines'));
    expect(addEventDeadlines).toHaveBeenLastCalledWith(7, 'in_absentia_order', '2026-03-02', false, ['motion-rescind-in-absentia'], {
      washingtonArea: false,
    });
    // Ticking it adds it too.
    await fireEvent.click(box('petition-for-review'));
    await fireEvent.click(screen.getByText('Add the ticked deadlines'));
    expect(addEventDeadlines).toHaveBeenLastCalledWith(
      7,
      'in_absentia_order',
      '2026-03-02',
      false,
      ['motion-rescind-in-absentia', 'petition-for-review'],
      { washingtonArea: false },
    );
  });
});
