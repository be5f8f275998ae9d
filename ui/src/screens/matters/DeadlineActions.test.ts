import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import type { DeadlineListItem } from '../../lib/bindings/DeadlineListItem';

const completeDeadline = vi.fn(async () => ({}));
const reopenDeadline = vi.fn(async () => ({}));
vi.mock('../../lib/api', async (original) => {
  const real = await original<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      completeDeadline: (...a: unknown[]) => (completeDeadline as (...x: unknown[]) => unknown)(...a),
      reopenDeadline: (...a: unknown[]) => (reopenDeadline as (...x: unknown[]) => unknown)(...a),
    },
  };
});

import DeadlineActions from './DeadlineActions.svelte';

const deadline = (extra: Partial<DeadlineListItem> = {}) =>
  ({ id: 4, title: 'I-589', due_on: '2026-06-01', status: 'open', done_on: null, waived_reason: null, ...extra }) as DeadlineListItem;

describe('DeadlineActions', () => {
  it('asks on which day it was done, today unless changed, and offers undo', async () => {
    setLang('en');
    vi.useFakeTimers({ toFake: ['Date'] });
    // 9:45 pm in the evening: the UTC date is already tomorrow.
    vi.setSystemTime(new Date(2026, 4, 20, 21, 45));
    const onChanged = vi.fn();
    const view = render(DeadlineActions, { deadline: deadline(), onChanged });
    await fireEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    const field = screen.getByLabelText('Done on') as HTMLInputElement;
    expect(field.value).toBe('2026-05-20');
    expect(completeDeadline).not.toHaveBeenCalled();
    await fireEvent.input(field, { target: { value: '2026-05-14' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Mark done on this day' }));
    await waitFor(() => expect(completeDeadline).toHaveBeenCalledWith(4, '2026-05-14'));
    expect(onChanged).toHaveBeenCalled();
    await view.rerender({ deadline: deadline({ status: 'done', done_on: '2026-05-14' }), onChanged });
    expect(screen.getByText(/done on/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(reopenDeadline).toHaveBeenCalledWith(4));
    vi.useRealTimers();
  });
});
