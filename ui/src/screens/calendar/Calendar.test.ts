import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, within, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import { addDays, isoDay, mondayOf } from '../../lib/calendar';
import type { CalendarRange } from '../../lib/bindings/CalendarRange';
import type { DayTotals } from '../../lib/bindings/DayTotals';

const today = isoDay(new Date());
// Days the core cut short; as the core does, a single day comes whole.
let more: DayTotals[] = [];
const range = (from: string, to: string): CalendarRange => ({
  from,
  to,
  hearings: [
    {
      id: 1, matter_id: 7, kind: 'master_calendar', starts_at: `${today} 09:00:00`, court: 'Baltimore Immigration Court', judge: null,
      detained: false, attendance: 'in_person', outcome: null, date_source: null, confirmed_on: null, created_at: '', updated_at: '',
      client_id: 1, client_name: 'Haile, Amina', volunteer: 'Rosa Martínez',
    },
  ],
  deadlines: [],
  appointments: [
    {
      id: 4, matter_id: 8, kind: 'ice_check_in', starts_at: `${today} 13:30:00`, place: 'ICE Baltimore field office', accompanied_by: null,
      outcome: null, outcome_note: null, created_at: '', updated_at: '', client_id: 2, client_name: 'Tesfaye, Yonas', assigned_to: 'Lucía Ramos',
    },
  ],
  more: from === to ? [] : more,
  holidays: [{ date: today, name: { en: 'Thanksgiving Day', es: 'Día de Acción de Gracias' } }],
});
const calendar = vi.fn(async (from: string, to: string) => (await new Promise((r) => setTimeout(r, 20)), range(from, to)));
vi.mock('../../lib/api', () => ({ ApiError: class extends Error {}, api: { calendar: (from: string, to: string) => calendar(from, to) } }));

import Calendar from './Calendar.svelte';

describe('Calendar', () => {
  beforeEach(() => {
    setLang('en');
    calendar.mockClear();
    more = [];
  });

  it('puts a hearing on its day in the month grid', async () => {
    render(Calendar);
    expect(await screen.findByText(/Master calendar hearing · Haile, Amina/)).toBeInTheDocument();
  });

  it('shows a week, Monday to Sunday, with the holiday and each item’s court or place and volunteer', async () => {
    render(Calendar);
    await fireEvent.click(screen.getByRole('button', { name: 'Week' }));
    const monday = mondayOf(new Date());
    await waitFor(() => expect(calendar).toHaveBeenLastCalledWith(isoDay(monday), isoDay(addDays(monday, 6))));
    const week = document.getElementById('calendar-week')!;
    expect(week.querySelectorAll('thead th')).toHaveLength(7);
    const day = week.querySelector<HTMLElement>(`td[data-day="${today}"]`)!;
    await waitFor(() => expect(day).toHaveTextContent('Thanksgiving Day'));
    expect(day.querySelector('[data-holiday]')).toHaveAttribute('title', 'Federal holiday: Thanksgiving Day');
    const hearing = within(day).getByRole('button', { name: /Master calendar hearing/ });
    expect(hearing).toHaveTextContent('Baltimore Immigration Court · Rosa Martínez');
    const checkIn = within(day).getByRole('button', { name: /ICE check-in/ });
    expect(checkIn).toHaveTextContent('ICE Baltimore field office · Lucía Ramos');
    expect(screen.getByRole('button', { name: 'Week' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('lists three months from today as an agenda, and moves by three months', async () => {
    render(Calendar);
    await fireEvent.click(screen.getByRole('button', { name: 'Agenda' }));
    const now = new Date();
    const end = new Date(now.getFullYear(), now.getMonth() + 3, now.getDate() - 1);
    await waitFor(() => expect(calendar).toHaveBeenLastCalledWith(today, isoDay(end)));
    const agenda = document.getElementById('calendar-agenda')!;
    await waitFor(() => expect(agenda).toHaveTextContent('Thanksgiving Day'));
    await fireEvent.click(screen.getByRole('button', { name: 'Later three months' }));
    const later = new Date(now.getFullYear(), now.getMonth() + 3, now.getDate());
    await waitFor(() => expect(calendar).toHaveBeenLastCalledWith(isoDay(later), expect.any(String)));
  });

  it('shows what a day left out in every view, and opens that day whole', async () => {
    // One hearing is listed today; the core holds 20 hearings and 5 deadlines.
    more = [{ date: today, hearings: 20, deadlines: 5 }];
    render(Calendar);
    const inMonth = await screen.findByRole('button', { name: /^\+24 more on / });
    expect(inMonth).toHaveTextContent(/^\+24 more$/);
    expect(document.getElementById('calendar-grid')).toContainElement(inMonth);
    for (const [view, list] of [['Week', 'calendar-week'], ['Agenda', 'calendar-agenda']]) {
      await fireEvent.click(screen.getByRole('button', { name: view }));
      await waitFor(() => expect(document.getElementById(list)).toHaveTextContent('+24 more'));
    }
    await fireEvent.click(screen.getByRole('button', { name: 'Month' }));
    await fireEvent.click(await screen.findByRole('button', { name: /^\+24 more on / }));
    await waitFor(() => expect(calendar).toHaveBeenLastCalledWith(today, today));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    const day = document.getElementById('calendar-agenda')!;
    await waitFor(() => expect(day).not.toHaveTextContent(/\d+ more/));
    expect(day).toHaveTextContent('Master calendar hearing');
    expect(day.querySelectorAll(':scope > li')).toHaveLength(1);

    await fireEvent.click(screen.getByRole('button', { name: 'Back to the month' }));
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById(`more-${today}`)));
    expect(document.getElementById('calendar-grid')).toBeInTheDocument();
  });

  it('says how much a day left out in Spanish', async () => {
    setLang('es');
    more = [{ date: today, hearings: 13, deadlines: 0 }];
    render(Calendar);
    expect(await screen.findByRole('button', { name: /^\+12 más el / })).toHaveTextContent(/^\+12 más$/);
    setLang('en');
  });
});
