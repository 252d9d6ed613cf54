// The preset table: IMAP settings and, in French and English, how to get a password that works.
// Data only; the matching rules live in providers.ts.
import type { ProviderPreset } from './providers.js';

/** Every preset uses implicit TLS on 993, the setting the seed table lists for all providers. */
const imaps = (host: string) => ({ imap_server: host, imap_port: 993, use_ssl: true }) as const;

const GOOGLE_STEPS_FR = [
  'Allez dans les Paramètres de votre compte Google › Sécurité.',
  'Activez la Validation en deux étapes.',
  "Ouvrez « Mots de passe d'application » et générez un mot de passe pour Relève.",
  'Copiez le mot de passe de 16 caractères et collez-le ici.',
];
const GOOGLE_STEPS_EN = [
  'Open your Google Account settings › Security.',
  'Turn on 2-Step Verification.',
  'Open “App passwords” and generate a password for Relève.',
  'Copy the 16-character password and paste it here.',
];
const OAUTH_SIGN_IN_FR =
  'Choisissez « Se connecter avec Microsoft » : la page de connexion Microsoft s’ouvre dans votre navigateur, vous acceptez l’accès de Relève à votre messagerie, et c’est tout. Si ce choix n’apparaît pas, l’identifiant d’application Microsoft n’est pas configuré sur cet ordinateur (voir la documentation « Connexion OAuth2 »).';
const OAUTH_SIGN_IN_EN =
  'Choose “Sign in with Microsoft”: the Microsoft sign-in page opens in your browser, you allow Relève to access your mail, and that is all. If this choice is missing, the Microsoft application ID is not set up on this computer (see the “OAuth2 sign-in” documentation).';

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'gmail',
    name: 'Gmail',
    ...imaps('imap.gmail.com'),
    imapConnectionLimit: 15, // Google: 15 simultaneous IMAP connections per account
    auth: 'app_password',
    domains: ['gmail.com', 'googlemail.com'],
    mxPatterns: [],
    help: {
      fr: {
        summary: "Gmail exige un mot de passe d'application, pas votre mot de passe Google habituel.",
        steps: GOOGLE_STEPS_FR,
        warning:
          "Sans validation en deux étapes, les mots de passe d'application n'apparaissent pas. Ils peuvent aussi être refusés par l'administrateur d'un compte Google Workspace ou par la Protection avancée.",
        url: 'https://myaccount.google.com/apppasswords',
      },
      en: {
        summary: 'Gmail requires an app password, not your usual Google password.',
        steps: GOOGLE_STEPS_EN,
        warning:
          'Without 2-Step Verification, app passwords are not offered. They may also be refused by a Google Workspace administrator or by Advanced Protection.',
        url: 'https://myaccount.google.com/apppasswords',
      },
    },
  },
  {
    id: 'google_workspace',
    name: 'Google Workspace',
    ...imaps('imap.gmail.com'),
    imapConnectionLimit: 15, // Google: 15 simultaneous IMAP connections per account
    auth: 'app_password',
    domains: [],
    mxPatterns: ['google.com', 'googlemail.com'],
    help: {
      fr: {
        summary: "Votre domaine est hébergé par Google Workspace : il faut un mot de passe d'application.",
        steps: GOOGLE_STEPS_FR,
        warning:
          "L'administrateur de votre organisation peut avoir désactivé IMAP ou les mots de passe d'application : dans ce cas, demandez-lui de les autoriser.",
        url: 'https://myaccount.google.com/apppasswords',
      },
      en: {
        summary: 'Your domain is hosted by Google Workspace: an app password is needed.',
        steps: GOOGLE_STEPS_EN,
        warning:
          'Your organisation’s administrator may have turned off IMAP or app passwords: if so, ask them to allow them.',
        url: 'https://myaccount.google.com/apppasswords',
      },
    },
  },
  {
    id: 'orange',
    name: 'Orange',
    ...imaps('imap.orange.fr'),
    auth: 'password_or_app_password',
    domains: ['orange.fr', 'wanadoo.fr'],
    mxPatterns: [],
    help: {
      fr: {
        summary: "Utilisez un mot de passe d'application Orange ; à défaut, le mot de passe de votre messagerie.",
        steps: [
          'Allez sur orange.fr › Mon compte.',
          "Sécurité › Mots de passe d'application.",
          'Générez un mot de passe pour « IMAP ».',
          'Utilisez ce mot de passe ici.',
        ],
      },
      en: {
        summary: 'Use an Orange app password; failing that, your mailbox password.',
        steps: [
          'Go to orange.fr › My account (Mon compte).',
          'Security (Sécurité) › App passwords (Mots de passe d’application).',
          'Generate a password for “IMAP”.',
          'Use this password here.',
        ],
      },
    },
  },
  {
    id: 'outlook',
    name: 'Outlook.com / Hotmail / Live',
    ...imaps('outlook.office365.com'),
    imapConnectionLimit: 16, // Exchange Online: 16 IMAP connections per user (MaxConnectionsPerUser)
    auth: 'oauth2_only',
    domains: ['msn.com'],
    domainPatterns: ['outlook.*', 'hotmail.*', 'live.*'],
    mxPatterns: ['olc.protection.outlook.com'],
    help: {
      fr: {
        summary: "Depuis septembre 2024, Outlook.com, Hotmail et Live n'acceptent plus de mot de passe pour IMAP.",
        steps: [
          "Ni votre mot de passe Microsoft ni un mot de passe d'application ne fonctionnent : Microsoft exige une connexion OAuth2.",
          OAUTH_SIGN_IN_FR,
          'Sans connexion Microsoft possible, vous pouvez transférer automatiquement vos messages vers une autre boîte (Outlook.com › Paramètres › Courrier › Transfert).',
        ],
        warning: 'Un mot de passe ne peut pas fonctionner avec ce fournisseur.',
      },
      en: {
        summary: 'Since September 2024, Outlook.com, Hotmail and Live no longer accept passwords for IMAP.',
        steps: [
          'Neither your Microsoft password nor an app password works: Microsoft requires an OAuth2 sign-in.',
          OAUTH_SIGN_IN_EN,
          'If a Microsoft sign-in is not possible, you can forward your mail automatically to another mailbox (Outlook.com › Settings › Mail › Forwarding).',
        ],
        warning: 'A password cannot work with this provider.',
      },
    },
  },
  {
    id: 'microsoft365',
    name: 'Microsoft 365 (Exchange Online)',
    ...imaps('outlook.office365.com'),
    imapConnectionLimit: 16, // Exchange Online: 16 IMAP connections per user (MaxConnectionsPerUser)
    auth: 'oauth2_only',
    domains: [],
    mxPatterns: ['mail.protection.outlook.com'],
    help: {
      fr: {
        summary:
          "Votre domaine est hébergé par Microsoft 365, qui a désactivé la connexion par mot de passe (authentification de base) en 2022.",
        steps: [
          "Aucun mot de passe ne fonctionne, même un mot de passe d'application : IMAP exige une connexion OAuth2.",
          OAUTH_SIGN_IN_FR,
          'Si votre organisation bloque les applications tierces, votre administrateur doit autoriser Relève (ou son identifiant d’application) dans Microsoft Entra.',
        ],
        warning: 'Un mot de passe ne peut pas fonctionner avec ce fournisseur.',
      },
      en: {
        summary: 'Your domain is hosted by Microsoft 365, which turned off password sign-in (basic authentication) in 2022.',
        steps: [
          'No password works, not even an app password: IMAP requires an OAuth2 sign-in.',
          OAUTH_SIGN_IN_EN,
          'If your organisation blocks third-party apps, your administrator must allow Relève (or its application ID) in Microsoft Entra.',
        ],
        warning: 'A password cannot work with this provider.',
      },
    },
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    ...imaps('imap.mail.yahoo.com'),
    auth: 'app_password',
    domains: ['ymail.com', 'rocketmail.com'],
    domainPatterns: ['yahoo.*'],
    mxPatterns: [],
    help: {
      fr: {
        summary: "Yahoo exige un mot de passe d'application.",
        steps: [
          'Connectez-vous à votre compte Yahoo › Sécurité du compte.',
          "Cliquez sur « Générer un mot de passe d'application », nommez-le Relève.",
          'Copiez le mot de passe affiché et collez-le ici.',
        ],
        warning: "Votre mot de passe Yahoo habituel est refusé pour IMAP : le mot de passe d'application est obligatoire.",
        url: 'https://login.yahoo.com/account/security',
      },
      en: {
        summary: 'Yahoo requires an app password.',
        steps: [
          'Sign in to your Yahoo account › Account security.',
          'Click “Generate app password” and name it Relève.',
          'Copy the password shown and paste it here.',
        ],
        warning: 'Your usual Yahoo password is refused for IMAP: the app password is required.',
        url: 'https://login.yahoo.com/account/security',
      },
    },
  },
  {
    id: 'ovh',
    name: 'OVHcloud (Mail Pro, MX Plan)',
    ...imaps('ssl0.ovh.net'),
    auth: 'password_or_app_password',
    domains: [],
    mxPatterns: ['mail.ovh.net', 'ovh.net'],
    help: {
      fr: {
        summary: 'Utilisez le mot de passe principal de la boîte mail.',
        steps: [
          'Identifiant : votre adresse e-mail complète.',
          'Mot de passe : le mot de passe principal de la boîte mail.',
          "Si la double authentification (2FA) est activée, générez un mot de passe d'application.",
          "Pour E-mail Pro ou Exchange, si ssl0.ovh.net ne répond pas, reprenez le serveur indiqué dans l'espace client OVHcloud (par exemple pro1.mail.ovh.net).",
        ],
      },
      en: {
        summary: 'Use the mailbox’s main password.',
        steps: [
          'Login: your full e-mail address.',
          'Password: the mailbox’s main password.',
          'If two-factor authentication (2FA) is on, generate an app password.',
          'For Email Pro or Exchange, if ssl0.ovh.net does not answer, use the server shown in the OVHcloud control panel (for example pro1.mail.ovh.net).',
        ],
      },
    },
  },
  {
    id: 'ionos',
    name: 'IONOS',
    ...imaps('imap.ionos.fr'),
    auth: 'password',
    domains: [],
    mxPatterns: ['ionos.fr', 'ionos.com', 'ionos.de', 'ionos.co.uk', 'ionos.es', 'kundenserver.de', '1and1.fr', '1and1.com'],
    help: {
      fr: {
        summary: 'Utilisez votre adresse e-mail complète et le mot de passe de la boîte mail.',
        steps: [
          'Identifiant : votre adresse e-mail complète.',
          "Mot de passe : celui de la boîte mail, modifiable dans l'espace client IONOS, rubrique E-mail.",
        ],
      },
      en: {
        summary: 'Use your full e-mail address and the mailbox password.',
        steps: [
          'Login: your full e-mail address.',
          'Password: the mailbox password, which you can change in the IONOS control panel, under E-mail.',
        ],
      },
    },
  },
  {
    id: 'free',
    name: 'Free',
    ...imaps('imap.free.fr'),
    auth: 'password',
    domains: ['free.fr'],
    mxPatterns: [],
    help: {
      fr: {
        summary: 'Utilisez votre adresse Free et le mot de passe de votre messagerie.',
        steps: [
          'Identifiant : votre adresse e-mail Free complète.',
          "Mot de passe : celui de la messagerie, qui peut être différent de celui de l'espace abonné Freebox.",
        ],
      },
      en: {
        summary: 'Use your Free address and your mailbox password.',
        steps: [
          'Login: your full Free e-mail address.',
          'Password: the mailbox password, which may differ from the one of your Freebox subscriber area.',
        ],
      },
    },
  },
  {
    id: 'sfr',
    name: 'SFR',
    ...imaps('imap.sfr.fr'),
    auth: 'password',
    domains: ['sfr.fr', 'neuf.fr'],
    mxPatterns: [],
    help: {
      fr: {
        summary: 'Utilisez votre adresse SFR et le mot de passe de votre messagerie.',
        steps: ['Identifiant : votre adresse e-mail SFR complète.', 'Mot de passe : celui de votre messagerie SFR.'],
      },
      en: {
        summary: 'Use your SFR address and your mailbox password.',
        steps: ['Login: your full SFR e-mail address.', 'Password: your SFR mailbox password.'],
      },
    },
  },
  {
    id: 'laposte',
    name: 'La Poste',
    ...imaps('imap.laposte.net'),
    auth: 'password',
    domains: ['laposte.net'],
    mxPatterns: [],
    username: 'local_part',
    help: {
      fr: {
        summary: 'Utilisez votre identifiant La Poste et le mot de passe de votre messagerie.',
        steps: [
          "Identifiant : la partie de votre adresse placée avant « @laposte.net ».",
          'Mot de passe : celui de votre messagerie laposte.net.',
        ],
      },
      en: {
        summary: 'Use your La Poste login and your mailbox password.',
        steps: ['Login: the part of your address before “@laposte.net”.', 'Password: your laposte.net mailbox password.'],
      },
    },
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    ...imaps('imap.mail.me.com'),
    auth: 'app_password',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mxPatterns: [],
    username: 'local_part',
    help: {
      fr: {
        summary: 'iCloud exige un mot de passe pour app (mot de passe spécifique), pas votre mot de passe Apple.',
        steps: [
          "Activez l'identification à deux facteurs de votre compte Apple.",
          'Sur account.apple.com › Connexion et sécurité › Mots de passe pour app, générez un mot de passe pour Relève.',
          'Collez ce mot de passe ici.',
          "Identifiant : en général la partie de votre adresse avant « @ » ; si la connexion échoue, essayez l'adresse complète.",
        ],
        url: 'https://account.apple.com',
      },
      en: {
        summary: 'iCloud requires an app-specific password, not your Apple Account password.',
        steps: [
          'Turn on two-factor authentication for your Apple Account.',
          'On account.apple.com › Sign-In and Security › App-Specific Passwords, generate a password for Relève.',
          'Paste that password here.',
          'Login: usually the part of your address before “@”; if the connection fails, try the full address.',
        ],
        url: 'https://account.apple.com',
      },
    },
  },
  {
    id: 'gmx',
    name: 'GMX',
    ...imaps('imap.gmx.net'),
    auth: 'password_or_app_password',
    domains: ['gmx.fr', 'gmx.com', 'gmx.de', 'gmx.net'],
    mxPatterns: [],
    help: {
      fr: {
        summary: "GMX n'ouvre IMAP qu'après l'avoir autorisé dans les paramètres de votre boîte.",
        steps: [
          "Dans le webmail GMX, ouvrez Paramètres › POP3 & IMAP et autorisez l'accès POP3 et IMAP.",
          'Identifiant : votre adresse e-mail complète ; mot de passe : celui de votre compte GMX.',
          "Si la validation en deux étapes est activée, créez un mot de passe d'application dans les paramètres de sécurité GMX.",
        ],
        warning: 'Tant que l’accès IMAP n’est pas autorisé, GMX refuse la connexion même avec le bon mot de passe.',
      },
      en: {
        summary: 'GMX opens IMAP only after you allow it in your mailbox settings.',
        steps: [
          'In GMX webmail, open Settings › POP3 & IMAP and allow POP3 and IMAP access.',
          'Login: your full e-mail address; password: your GMX account password.',
          'If two-step verification is on, create an app password in the GMX security settings.',
        ],
        warning: 'Until IMAP access is allowed, GMX refuses the login even with the right password.',
      },
    },
  },
  {
    id: 'zoho',
    name: 'Zoho Mail (Europe)',
    ...imaps('imap.zoho.eu'),
    auth: 'password_or_app_password',
    domains: ['zohomail.eu', 'zoho.eu'],
    mxPatterns: ['zoho.eu'],
    help: zohoHelp('imap.zoho.eu', 'accounts.zoho.eu'),
  },
  {
    id: 'zoho_com',
    name: 'Zoho Mail (international)',
    ...imaps('imap.zoho.com'),
    auth: 'password_or_app_password',
    domains: ['zoho.com', 'zohomail.com'],
    mxPatterns: ['zoho.com'],
    help: zohoHelp('imap.zoho.com', 'accounts.zoho.com'),
  },
];

function zohoHelp(server: string, accounts: string): ProviderPreset['help'] {
  return {
    fr: {
      summary: "Activez l'accès IMAP dans Zoho Mail, puis utilisez votre mot de passe ou un mot de passe d'application.",
      steps: [
        "Dans Zoho Mail, ouvrez Paramètres › Comptes de messagerie et cochez l'accès IMAP.",
        `Si l'authentification à deux facteurs est activée, générez un mot de passe d'application sur ${accounts} › Sécurité.`,
        `Serveur : ${server}. Les comptes hébergés en Europe utilisent imap.zoho.eu, les autres imap.zoho.com.`,
      ],
      url: `https://${accounts}`,
    },
    en: {
      summary: 'Turn on IMAP access in Zoho Mail, then use your password or an app password.',
      steps: [
        'In Zoho Mail, open Settings › Mail Accounts and tick IMAP access.',
        `If two-factor authentication is on, generate an app password at ${accounts} › Security.`,
        `Server: ${server}. Accounts hosted in Europe use imap.zoho.eu, the others imap.zoho.com.`,
      ],
      url: `https://${accounts}`,
    },
  };
}
