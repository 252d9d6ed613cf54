// Words several tables share, so each says them the same way.
import { defineMessages } from './i18n.js';

export const COMMON = defineMessages({
  messages: { fr: { one: '{count} message', other: '{count} messages' }, en: { one: '{count} message', other: '{count} messages' } },
  newMessages: {
    fr: { one: '{count} nouveau message', other: '{count} nouveaux messages' },
    en: { one: '{count} new message', other: '{count} new messages' },
  },
  mailboxes: { fr: { one: '{count} boîte', other: '{count} boîtes' }, en: { one: '{count} mailbox', other: '{count} mailboxes' } },
  unread: { fr: { one: '{count} non lu', other: '{count} non lus' }, en: { one: '{count} unread', other: '{count} unread' } },
});
