// Validation of the OAuth2 inputs: mailboxes created or switched with a finished sign-in instead of a
// password, the connection test with a sign-in, and the beginOAuth / flow-id arguments, in French and English.
import { describe, expect, it } from 'vitest';
import {
  parseConnectionTestInput,
  parseMailboxInput,
  parseMailboxPatch,
  parseOAuthBeginInput,
  parseOAuthFlowId,
} from '../../shared/schemas.js';

const FLOW = 'Zm9vYmFyYmF6cXV4cXV1eF9mbG93LWlk';
const base = { name: 'Outlook', imap_server: 'outlook.office365.com', imap_port: 993, use_ssl: true, email_address: 'a@outlook.fr' };

describe('OAuth2 mailbox input', () => {
  it('takes a finished sign-in instead of a password', () => {
    const p = parseMailboxInput({ ...base, auth_method: 'OAuth2', oauth_flow_id: ` ${FLOW} ` }, 'en');
    expect(p).toMatchObject({ auth_method: 'oauth2', oauth_flow_id: FLOW, email_address: 'a@outlook.fr' });
    expect(p.email_password).toBeUndefined();
  });

  it('a password mailbox stays exactly as before (no auth_method in the result)', () => {
    const p = parseMailboxInput({ ...base, email_password: 'pw', auth_method: 'password' }, 'en');
    expect(p.email_password).toBe('pw');
    expect('auth_method' in p).toBe(false);
  });

  it('names the missing sign-in or the bad method, in the user’s language', () => {
    expect(() => parseMailboxInput({ ...base, auth_method: 'oauth2' }, 'fr')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', field: 'oauth_flow_id', message: expect.stringContaining('Connectez-vous d’abord') }),
    );
    expect(() => parseMailboxInput({ ...base, auth_method: 'oauth2', oauth_flow_id: 'short' }, 'en')).toThrow(
      expect.objectContaining({ field: 'oauth_flow_id', message: expect.stringContaining('Sign in to the account first') }),
    );
    expect(() => parseMailboxInput({ ...base, auth_method: 'kerberos', email_password: 'x' }, 'en')).toThrow(
      expect.objectContaining({ field: 'auth_method' }),
    );
    // Without auth_method the password is still required.
    expect(() => parseMailboxInput({ ...base, oauth_flow_id: FLOW }, 'en')).toThrow(expect.objectContaining({ field: 'email_password' }));
  });

  it('a patch switches to OAuth2 with a sign-in, to a password with a password, never both', () => {
    expect(parseMailboxPatch({ oauth_flow_id: FLOW }, 'en')).toEqual({ oauth_flow_id: FLOW, auth_method: 'oauth2' });
    expect(parseMailboxPatch({ email_password: 'new' }, 'en')).toEqual({ email_password: 'new' });
    expect(parseMailboxPatch({ oauth_flow_id: '' , name: 'X' }, 'en')).toEqual({ name: 'X' });
    expect(() => parseMailboxPatch({ oauth_flow_id: FLOW, email_password: 'new' }, 'fr')).toThrow(
      expect.objectContaining({ field: 'email_password', message: expect.stringContaining('pas les deux') }),
    );
  });

  it('the connection test accepts a sign-in in place of a password', () => {
    const t = parseConnectionTestInput({ ...base, oauth_flow_id: FLOW }, 'en');
    expect(t).toMatchObject({ oauth_flow_id: FLOW });
    expect(t.email_password).toBeUndefined();
    expect(() => parseConnectionTestInput({ ...base }, 'en')).toThrow(expect.objectContaining({ field: 'email_password' }));
  });
});

describe('beginOAuth and flow ids', () => {
  it('needs a provider unless it reconnects a mailbox; the e-mail is optional but checked', () => {
    expect(parseOAuthBeginInput({ provider: ' Microsoft ', email: 'a@outlook.fr' }, 'en')).toEqual({ provider: 'microsoft', email: 'a@outlook.fr' });
    expect(parseOAuthBeginInput({ mailbox_id: '7' }, 'en')).toEqual({ mailbox_id: 7 });
    expect(() => parseOAuthBeginInput({}, 'fr')).toThrow(expect.objectContaining({ field: 'provider', message: expect.stringContaining('microsoft ou google') }));
    expect(() => parseOAuthBeginInput({ provider: 'ms/../x' }, 'en')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => parseOAuthBeginInput({ provider: 'google', email: 'not-an-address' }, 'en')).toThrow(
      expect.objectContaining({ field: 'email_address' }),
    );
  });

  it('a flow id is a short opaque token', () => {
    expect(parseOAuthFlowId({ flow_id: FLOW }, 'en')).toBe(FLOW);
    expect(() => parseOAuthFlowId({ flow_id: '../../etc/passwd' }, 'en')).toThrow(expect.objectContaining({ field: 'oauth_flow_id' }));
    expect(() => parseOAuthFlowId(undefined, 'en')).toThrow(expect.objectContaining({ field: 'oauth_flow_id' }));
  });
});
