import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import { isoDay } from '../../lib/calendar';

const today = isoDay(new Date());
vi.mock('../../lib/api', () => ({
  ApiError: class extends Error {},
  api: {
    calendar: vi.fn(async (from: string, to: string) => (await new Promise((r) => setTimeout(r, 50)), {
      from,
      to,
      hearings: [
        {
          id: 1, matter_id: 7, kind: 'master_calendar', starts_at: `${today}T09:00:00`, court: null, judge: null,
          detained: false, attendance: 'in_person', outcome: null, created_at: '', updated_at: '', client_id: 1, client_name: 'Haile, Amina',
        },
      ],
      deadlines: [],
    })),
  },
}));

import Calendar from './Calendar.svelte';

describe('Calendar', () => {
  it('puts a hearing on its day in the month grid', async () => {
    setLang('en');
    render(Calendar);
    expect(await screen.findByText(/Master calendar hearing · Haile, Amina/)).toBeInTheDocument();
  });
});
