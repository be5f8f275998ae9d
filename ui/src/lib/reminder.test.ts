import { describe, expect, it } from 'vitest';
import { reminderText } from './reminder';

describe('reminderText', () => {
  it('says nothing when nothing is due', () => {
    expect(reminderText({ overdue: 0, due_today: 0, due_tomorrow: 0 }, 'en')).toBeNull();
  });
  it('counts in both languages and names nobody', () => {
    expect(reminderText({ overdue: 2, due_today: 0, due_tomorrow: 1 }, 'en')).toBe('Deadlines: 2 deadlines overdue; 1 due tomorrow. Open Amparo to see them.');
    expect(reminderText({ overdue: 1, due_today: 3, due_tomorrow: 0 }, 'es')).toBe('Plazos: 1 plazo vencido; 3 vencen hoy. Abra Amparo para verlos.');
  });
});
