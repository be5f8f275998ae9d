import { beforeEach, describe, expect, it } from 'vitest';
import {
  current, go, guardForm, draftToKeep, restoreDraft, takeDraftValues, draftForms, pendingScreen, cancelLeave,
  headingWantsFocus, panelForm, reset,
} from './nav.svelte';

describe('nav', () => {
  beforeEach(() => reset());

  it('keeps every dirty form of the screen at a lock, each under its own name', () => {
    go({ name: 'matter', id: 7 });
    let note = 'Called the court';
    const hearing = { starts_at: '2026-12-02 09:30' };
    guardForm(() => note !== '', () => ({ body: note }), 'note');
    guardForm(() => true, () => hearing, panelForm('hearing', 12));
    guardForm(() => false, () => ({ ignored: true }), 'filing');
    expect(draftToKeep()).toEqual({
      screen: { name: 'matter', id: 7 },
      forms: { note: { body: 'Called the court' }, 'hearing:12': hearing },
    });
    note = '';
    expect(Object.keys(draftToKeep()!.forms)).toEqual(['hearing:12']);
  });

  it('asks before leaving while any form is dirty, and not once it is taken away', () => {
    go({ name: 'matter', id: 7 });
    guardForm(() => false, null, 'note');
    const release = guardForm(() => true, null, 'hearing');
    go({ name: 'clients' });
    expect(pendingScreen()).toEqual({ name: 'clients' });
    cancelLeave();
    release();
    go({ name: 'clients' });
    expect(pendingScreen()).toBeNull();
    expect(current()).toEqual({ name: 'clients' });
  });

  it('hands each kept form its values once, on the screen of the draft only', () => {
    restoreDraft({ screen: { name: 'matter', id: 7 }, forms: { hearing: { court: 'Baltimore' }, note: { body: 'x' } } });
    expect(current()).toEqual({ name: 'matter', id: 7 });
    expect(draftForms().sort()).toEqual(['hearing', 'note']);
    expect(takeDraftValues('hearing')).toEqual({ court: 'Baltimore' });
    expect(takeDraftValues('hearing')).toBeNull();
    go({ name: 'matter', id: 8 });
    expect(takeDraftValues('note')).toBeNull();
  });

  it('still opens a draft kept by the earlier version, with one form', () => {
    restoreDraft({ screen: { name: 'newClient' }, form: 'newClient', values: { f: { given_name: 'Yonas' } } });
    expect(takeDraftValues()).toEqual({ f: { given_name: 'Yonas' } });
  });

  it('gives the focus to the heading of the screen just gone to, once', () => {
    expect(headingWantsFocus()).toBe(false);
    go({ name: 'client', id: 3 });
    expect(headingWantsFocus()).toBe(true);
    expect(headingWantsFocus()).toBe(false);
    go({ name: 'client', id: 4 });
    restoreDraft({ screen: { name: 'newClient' }, forms: {} });
    expect(headingWantsFocus()).toBe(false);
  });
});
