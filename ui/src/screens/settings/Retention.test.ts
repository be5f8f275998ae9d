import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { setLang } from '../../lib/i18n.svelte';
import type { Retention as RetentionData } from '../../lib/bindings/Retention';

const data = (): RetentionData => ({
  years: 7,
  today: '2026-11-25',
  archived: [
    { client_id: 3, client_name: 'Amina Haile', archived_at: '2019-06-01T10:00:00Z', last_closed_on: '2019-05-20', purge_from: '2026-06-01' },
    { client_id: 4, client_name: 'Yonas Tesfaye', archived_at: '2020-01-10T10:00:00Z', last_closed_on: '2020-01-03', purge_from: '2027-01-10' },
  ],
});
const api = vi.hoisted(() => ({
  retention: vi.fn(),
  setRetentionYears: vi.fn(async () => {}),
  purgeClient: vi.fn(async () => ({ matters: 2, records: 9, history_entries: 31 })),
}));
vi.mock('../../lib/api', async (original) => ({ ...(await original<typeof import('../../lib/api')>()), api }));

import Retention from './Retention.svelte';

const byId = <T extends HTMLElement = HTMLButtonElement>(id: string) => document.getElementById(id) as T;

describe('Settings: keeping records', () => {
  beforeEach(() => {
    setLang('en');
    api.retention.mockImplementation(async () => data());
    api.purgeClient.mockClear();
  });

  it('offers to purge only from the purge date, and only once the name is typed', async () => {
    render(Retention);
    expect(await screen.findByText('Amina Haile')).toBeInTheDocument();
    expect(screen.getByText(/fled persecution/)).toBeInTheDocument();
    expect(byId('purge-4')).toBeDisabled();
    expect(byId('purge-3')).toBeEnabled();

    await fireEvent.click(byId('purge-3'));
    expect(document.activeElement).toBe(byId('purge-typed'));
    expect(byId('purge-confirm')).toBeDisabled();
    await fireEvent.input(byId('purge-typed'), { target: { value: 'Amina' } });
    expect(byId('purge-confirm')).toBeDisabled();
    await fireEvent.click(byId('purge-confirm'));
    expect(api.purgeClient).not.toHaveBeenCalled();

    await fireEvent.input(byId('purge-typed'), { target: { value: '  amina  haile ' } });
    expect(byId('purge-confirm')).toBeEnabled();
    await fireEvent.click(byId('purge-confirm'));
    await waitFor(() => expect(api.purgeClient).toHaveBeenCalledWith(3));
    expect(await screen.findByRole('status')).toHaveTextContent('Purged: 2 case(s), 9 record(s) and 31 history entries.');
    expect(document.getElementById('purge-panel')).toBeNull();
  });

  it('shows Rust’s message under the years when it refuses them', async () => {
    const { ApiError } = await import('../../lib/api');
    api.setRetentionYears.mockRejectedValueOnce(
      new ApiError({ code: 'invalid_input', message: 'bad', fields: [{ field: 'retention_years', message: { en: 'Choose a retention period from 1 to 100 years.', es: 'x' } }] }),
    );
    render(Retention);
    await screen.findByText('Amina Haile');
    await fireEvent.input(byId<HTMLInputElement>('retention-years'), { target: { value: '0' } });
    await fireEvent.click(byId('retention-save'));
    expect(await screen.findByRole('alert')).toHaveTextContent('from 1 to 100 years');
    expect(api.setRetentionYears).toHaveBeenCalledWith(0);
  });
});
