import { doneReply } from './connect-http';
import { missingScopes } from './provider-client';

describe('the page after the consent round trip', () => {
  test('a success redirects to the configured done URL with flags and no token or code', () => {
    const reply = doneReply('https://admin.example.com/settings/calendars?tab=1', {
      result: 'connected',
      provider: 'google',
      connectionId: 'google_s1_abc',
    });
    expect(reply.status).toBe(303);
    const location = new URL(reply.headers.Location!);
    expect(location.origin + location.pathname).toBe('https://admin.example.com/settings/calendars');
    expect(Object.fromEntries(location.searchParams)).toEqual({ tab: '1', oauth: 'connected', provider: 'google', connectionId: 'google_s1_abc' });
    expect(reply.headers['Referrer-Policy']).toBe('no-referrer');
    expect(reply.headers['Cache-Control']).toBe('no-store');
  });

  test('a failure carries only the fixed reason', () => {
    const location = new URL(doneReply('https://admin.example.com/done', { result: 'failed', reason: 'missing_scopes' }).headers.Location!);
    expect(Object.fromEntries(location.searchParams)).toEqual({ oauth: 'failed', reason: 'missing_scopes' });
  });

  test('without a usable done URL a small page answers instead of a redirect', () => {
    for (const doneUrl of ['', 'javascript:alert(1)', '//evil.example.com', 'https://user:pw@admin.example.com/']) {
      const reply = doneReply(doneUrl, { result: 'failed', reason: 'consent_denied' });
      expect(reply.headers.Location).toBeUndefined();
      expect(reply.status).toBe(400);
      expect(reply.body).toContain('consent_denied');
    }
  });
});

describe('granted scope check', () => {
  test('reports required scopes the grant lacks, comparing whole scopes exactly', () => {
    const events = 'https://www.googleapis.com/auth/calendar.events';
    expect(missingScopes([events], `openid ${events}`)).toEqual([]);
    expect(missingScopes([events], `${events}.readonly`)).toEqual([events]);
    expect(missingScopes([events], undefined)).toEqual([events]);
  });
});
