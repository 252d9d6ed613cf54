// How to get a password that works with each provider preset (shared/provider-presets.ts), in French and
// English: one table per provider with its summary, its steps in order (`step1`, `step2`…) and its warning, if any.
import { defineMessages, defineText } from './i18n/index.js';

const GOOGLE_STEPS = defineMessages({
  step1: {
    fr: 'Allez dans les Paramètres de votre compte Google › Sécurité.',
    en: 'Open your Google Account settings › Security.',
  },
  step2: { fr: 'Activez la Validation en deux étapes.', en: 'Turn on 2-Step Verification.' },
  step3: {
    fr: "Ouvrez « Mots de passe d'application » et générez un mot de passe pour Relève.",
    en: 'Open “App passwords” and generate a password for Relève.',
  },
  step4: {
    fr: 'Copiez le mot de passe de 16 caractères et collez-le ici.',
    en: 'Copy the 16-character password and paste it here.',
  },
});

const OAUTH_SIGN_IN = defineText({
  fr: 'Choisissez « Se connecter avec Microsoft » : la page de connexion Microsoft s’ouvre dans votre navigateur, vous acceptez l’accès de Relève à votre messagerie, et c’est tout. Si ce choix n’apparaît pas, l’identifiant d’application Microsoft n’est pas configuré sur cet ordinateur (voir la documentation « Connexion OAuth2 »).',
  en: 'Choose “Sign in with Microsoft”: the Microsoft sign-in page opens in your browser, you allow Relève to access your mail, and that is all. If this choice is missing, the Microsoft application ID is not set up on this computer (see the “OAuth2 sign-in” documentation).',
});

export const GMAIL_HELP = defineMessages({
  summary: {
    fr: "Gmail exige un mot de passe d'application, pas votre mot de passe Google habituel.",
    en: 'Gmail requires an app password, not your usual Google password.',
  },
  ...GOOGLE_STEPS,
  warning: {
    fr: "Sans validation en deux étapes, les mots de passe d'application n'apparaissent pas. Ils peuvent aussi être refusés par l'administrateur d'un compte Google Workspace ou par la Protection avancée.",
    en: 'Without 2-Step Verification, app passwords are not offered. They may also be refused by a Google Workspace administrator or by Advanced Protection.',
  },
});

export const GOOGLE_WORKSPACE_HELP = defineMessages({
  summary: {
    fr: "Votre domaine est hébergé par Google Workspace : il faut un mot de passe d'application.",
    en: 'Your domain is hosted by Google Workspace: an app password is needed.',
  },
  ...GOOGLE_STEPS,
  warning: {
    fr: "L'administrateur de votre organisation peut avoir désactivé IMAP ou les mots de passe d'application : dans ce cas, demandez-lui de les autoriser.",
    en: 'Your organisation’s administrator may have turned off IMAP or app passwords: if so, ask them to allow them.',
  },
});

export const ORANGE_HELP = defineMessages({
  summary: {
    fr: "Utilisez un mot de passe d'application Orange ; à défaut, le mot de passe de votre messagerie.",
    en: 'Use an Orange app password; failing that, your mailbox password.',
  },
  step1: { fr: 'Allez sur orange.fr › Mon compte.', en: 'Go to orange.fr › My account (Mon compte).' },
  step2: {
    fr: "Sécurité › Mots de passe d'application.",
    en: 'Security (Sécurité) › App passwords (Mots de passe d’application).',
  },
  step3: { fr: 'Générez un mot de passe pour « IMAP ».', en: 'Generate a password for “IMAP”.' },
  step4: { fr: 'Utilisez ce mot de passe ici.', en: 'Use this password here.' },
});

export const OUTLOOK_HELP = defineMessages({
  summary: {
    fr: "Depuis septembre 2024, Outlook.com, Hotmail et Live n'acceptent plus de mot de passe pour IMAP.",
    en: 'Since September 2024, Outlook.com, Hotmail and Live no longer accept passwords for IMAP.',
  },
  step1: {
    fr: "Ni votre mot de passe Microsoft ni un mot de passe d'application ne fonctionnent : Microsoft exige une connexion OAuth2.",
    en: 'Neither your Microsoft password nor an app password works: Microsoft requires an OAuth2 sign-in.',
  },
  step2: OAUTH_SIGN_IN,
  step3: {
    fr: 'Sans connexion Microsoft possible, vous pouvez transférer automatiquement vos messages vers une autre boîte (Outlook.com › Paramètres › Courrier › Transfert).',
    en: 'If a Microsoft sign-in is not possible, you can forward your mail automatically to another mailbox (Outlook.com › Settings › Mail › Forwarding).',
  },
  warning: {
    fr: 'Un mot de passe ne peut pas fonctionner avec ce fournisseur.',
    en: 'A password cannot work with this provider.',
  },
});

export const MICROSOFT365_HELP = defineMessages({
  summary: {
    fr: 'Votre domaine est hébergé par Microsoft 365, qui a désactivé la connexion par mot de passe (authentification de base) en 2022.',
    en: 'Your domain is hosted by Microsoft 365, which turned off password sign-in (basic authentication) in 2022.',
  },
  step1: {
    fr: "Aucun mot de passe ne fonctionne, même un mot de passe d'application : IMAP exige une connexion OAuth2.",
    en: 'No password works, not even an app password: IMAP requires an OAuth2 sign-in.',
  },
  step2: OAUTH_SIGN_IN,
  step3: {
    fr: 'Si votre organisation bloque les applications tierces, votre administrateur doit autoriser Relève (ou son identifiant d’application) dans Microsoft Entra.',
    en: 'If your organisation blocks third-party apps, your administrator must allow Relève (or its application ID) in Microsoft Entra.',
  },
  warning: {
    fr: 'Un mot de passe ne peut pas fonctionner avec ce fournisseur.',
    en: 'A password cannot work with this provider.',
  },
});

export const YAHOO_HELP = defineMessages({
  summary: { fr: "Yahoo exige un mot de passe d'application.", en: 'Yahoo requires an app password.' },
  step1: {
    fr: 'Connectez-vous à votre compte Yahoo › Sécurité du compte.',
    en: 'Sign in to your Yahoo account › Account security.',
  },
  step2: {
    fr: "Cliquez sur « Générer un mot de passe d'application », nommez-le Relève.",
    en: 'Click “Generate app password” and name it Relève.',
  },
  step3: { fr: 'Copiez le mot de passe affiché et collez-le ici.', en: 'Copy the password shown and paste it here.' },
  warning: {
    fr: "Votre mot de passe Yahoo habituel est refusé pour IMAP : le mot de passe d'application est obligatoire.",
    en: 'Your usual Yahoo password is refused for IMAP: the app password is required.',
  },
});

export const OVH_HELP = defineMessages({
  summary: { fr: 'Utilisez le mot de passe principal de la boîte mail.', en: 'Use the mailbox’s main password.' },
  step1: { fr: 'Identifiant : votre adresse e-mail complète.', en: 'Login: your full e-mail address.' },
  step2: {
    fr: 'Mot de passe : le mot de passe principal de la boîte mail.',
    en: 'Password: the mailbox’s main password.',
  },
  step3: {
    fr: "Si la double authentification (2FA) est activée, générez un mot de passe d'application.",
    en: 'If two-factor authentication (2FA) is on, generate an app password.',
  },
  step4: {
    fr: "Pour E-mail Pro ou Exchange, si ssl0.ovh.net ne répond pas, reprenez le serveur indiqué dans l'espace client OVHcloud (par exemple pro1.mail.ovh.net).",
    en: 'For Email Pro or Exchange, if ssl0.ovh.net does not answer, use the server shown in the OVHcloud control panel (for example pro1.mail.ovh.net).',
  },
});

export const IONOS_HELP = defineMessages({
  summary: {
    fr: 'Utilisez votre adresse e-mail complète et le mot de passe de la boîte mail.',
    en: 'Use your full e-mail address and the mailbox password.',
  },
  step1: { fr: 'Identifiant : votre adresse e-mail complète.', en: 'Login: your full e-mail address.' },
  step2: {
    fr: "Mot de passe : celui de la boîte mail, modifiable dans l'espace client IONOS, rubrique E-mail.",
    en: 'Password: the mailbox password, which you can change in the IONOS control panel, under E-mail.',
  },
});

export const FREE_HELP = defineMessages({
  summary: {
    fr: 'Utilisez votre adresse Free et le mot de passe de votre messagerie.',
    en: 'Use your Free address and your mailbox password.',
  },
  step1: { fr: 'Identifiant : votre adresse e-mail Free complète.', en: 'Login: your full Free e-mail address.' },
  step2: {
    fr: "Mot de passe : celui de la messagerie, qui peut être différent de celui de l'espace abonné Freebox.",
    en: 'Password: the mailbox password, which may differ from the one of your Freebox subscriber area.',
  },
});

export const SFR_HELP = defineMessages({
  summary: {
    fr: 'Utilisez votre adresse SFR et le mot de passe de votre messagerie.',
    en: 'Use your SFR address and your mailbox password.',
  },
  step1: { fr: 'Identifiant : votre adresse e-mail SFR complète.', en: 'Login: your full SFR e-mail address.' },
  step2: { fr: 'Mot de passe : celui de votre messagerie SFR.', en: 'Password: your SFR mailbox password.' },
});

export const LAPOSTE_HELP = defineMessages({
  summary: {
    fr: 'Utilisez votre identifiant La Poste et le mot de passe de votre messagerie.',
    en: 'Use your La Poste login and your mailbox password.',
  },
  step1: {
    fr: 'Identifiant : la partie de votre adresse placée avant « @laposte.net ».',
    en: 'Login: the part of your address before “@laposte.net”.',
  },
  step2: {
    fr: 'Mot de passe : celui de votre messagerie laposte.net.',
    en: 'Password: your laposte.net mailbox password.',
  },
});

export const ICLOUD_HELP = defineMessages({
  summary: {
    fr: 'iCloud exige un mot de passe pour app (mot de passe spécifique), pas votre mot de passe Apple.',
    en: 'iCloud requires an app-specific password, not your Apple Account password.',
  },
  step1: {
    fr: "Activez l'identification à deux facteurs de votre compte Apple.",
    en: 'Turn on two-factor authentication for your Apple Account.',
  },
  step2: {
    fr: 'Sur account.apple.com › Connexion et sécurité › Mots de passe pour app, générez un mot de passe pour Relève.',
    en: 'On account.apple.com › Sign-In and Security › App-Specific Passwords, generate a password for Relève.',
  },
  step3: { fr: 'Collez ce mot de passe ici.', en: 'Paste that password here.' },
  step4: {
    fr: "Identifiant : en général la partie de votre adresse avant « @ » ; si la connexion échoue, essayez l'adresse complète.",
    en: 'Login: usually the part of your address before “@”; if the connection fails, try the full address.',
  },
});

export const GMX_HELP = defineMessages({
  summary: {
    fr: "GMX n'ouvre IMAP qu'après l'avoir autorisé dans les paramètres de votre boîte.",
    en: 'GMX opens IMAP only after you allow it in your mailbox settings.',
  },
  step1: {
    fr: "Dans le webmail GMX, ouvrez Paramètres › POP3 & IMAP et autorisez l'accès POP3 et IMAP.",
    en: 'In GMX webmail, open Settings › POP3 & IMAP and allow POP3 and IMAP access.',
  },
  step2: {
    fr: 'Identifiant : votre adresse e-mail complète ; mot de passe : celui de votre compte GMX.',
    en: 'Login: your full e-mail address; password: your GMX account password.',
  },
  step3: {
    fr: "Si la validation en deux étapes est activée, créez un mot de passe d'application dans les paramètres de sécurité GMX.",
    en: 'If two-step verification is on, create an app password in the GMX security settings.',
  },
  warning: {
    fr: 'Tant que l’accès IMAP n’est pas autorisé, GMX refuse la connexion même avec le bon mot de passe.',
    en: 'Until IMAP access is allowed, GMX refuses the login even with the right password.',
  },
});

/** Zoho runs two data centres: the same steps, with each one's server and account site. */
function zohoHelp(server: string, accounts: string) {
  return defineMessages({
    summary: {
      fr: "Activez l'accès IMAP dans Zoho Mail, puis utilisez votre mot de passe ou un mot de passe d'application.",
      en: 'Turn on IMAP access in Zoho Mail, then use your password or an app password.',
    },
    step1: {
      fr: "Dans Zoho Mail, ouvrez Paramètres › Comptes de messagerie et cochez l'accès IMAP.",
      en: 'In Zoho Mail, open Settings › Mail Accounts and tick IMAP access.',
    },
    step2: {
      fr: `Si l'authentification à deux facteurs est activée, générez un mot de passe d'application sur ${accounts} › Sécurité.`,
      en: `If two-factor authentication is on, generate an app password at ${accounts} › Security.`,
    },
    step3: {
      fr: `Serveur : ${server}. Les comptes hébergés en Europe utilisent imap.zoho.eu, les autres imap.zoho.com.`,
      en: `Server: ${server}. Accounts hosted in Europe use imap.zoho.eu, the others imap.zoho.com.`,
    },
  });
}
export const ZOHO_HELP = zohoHelp('imap.zoho.eu', 'accounts.zoho.eu');
export const ZOHO_COM_HELP = zohoHelp('imap.zoho.com', 'accounts.zoho.com');
