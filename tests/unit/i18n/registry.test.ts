/**
 * Lazy dictionaries: a feature's strings (the teaching views') are absent until its chunk
 * registers them. Before that, `translate` gives an empty string, never the raw key; registering
 * adds both languages at once (so switching language works at once) and tells `useT` to re-render.
 * Each test imports fresh modules, as a page that has not loaded the teaching views yet.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { teachEn } from '../../../src/i18n/features/teach.en';
import { teachZh } from '../../../src/i18n/features/teach.zh';

const fresh = () => import('../../../src/i18n');

beforeEach(() => {
  vi.resetModules();
});

describe('lazy dictionaries', () => {
  it('a teaching key gives an empty string before registration, never the key', async () => {
    const { translate } = await fresh();
    expect(translate('en', 'teach.status.loading')).toBe('');
    expect(translate('zh', 'teach.source.line', { model: 'x', kind: 'y', layer: 1, head: 2 })).toBe(
      '',
    );
    // The tab labels and the loading line are on the first page.
    expect(translate('en', 'tab.teach.flash.short')).toBe('Tiling');
    expect(translate('zh', 'teach.status.loadingView')).toBe('正在加载此视图…');
  });

  it('registration adds both languages and notifies once', async () => {
    const { translate, registerMessages, subscribeMessages, messagesVersion } = await fresh();
    const listener = vi.fn();
    subscribeMessages(listener);
    const before = messagesVersion();
    registerMessages({ en: teachEn, zh: teachZh });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(messagesVersion()).toBe(before + 1);
    expect(translate('en', 'teach.status.loading')).toBe('Computing this head’s intermediates…');
    expect(translate('zh', 'teach.status.loading')).toBe('正在计算这个头的中间结果…');
    expect(translate('en', 'teach.status.error', { message: 'boom' })).toBe(
      'The engine could not compute this head: boom',
    );
    // A second registration (another teaching view's chunk) changes nothing.
    registerMessages({ en: teachEn, zh: teachZh });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(messagesVersion()).toBe(before + 1);
  });

  it('an unsubscribed listener hears nothing', async () => {
    const { registerMessages, subscribeMessages } = await fresh();
    const listener = vi.fn();
    subscribeMessages(listener)();
    registerMessages({ en: teachEn, zh: teachZh });
    expect(listener).not.toHaveBeenCalled();
  });

  it('the teaching views register their strings when their module loads', async () => {
    const { translate } = await fresh();
    expect(translate('en', 'teach.status.noHead')).toBe('');
    await import('../../../src/views/teach/messages');
    expect(translate('en', 'teach.status.noHead')).toBe(teachEn['teach.status.noHead']);
    expect(translate('zh', 'teach.status.noHead')).toBe(teachZh['teach.status.noHead']);
  });
});
