// releve/i18n-tables: every French/English text lives in a `*.i18n.ts` table built with shared/i18n, so the
// parity test sees it and the compiler types its placeholders. Reported elsewhere:
//  - an object literal with both `fr` and `en` keys (an inline table);
//  - `locale === 'fr' ? 'une phrase' : 'a sentence'` (a table in disguise);
//  - `.startsWith('fr')` on a language tag (a locale detector: use detectLocale/localeOf from shared/i18n).
/** @param {import('eslint').Rule.Node | null | undefined} node */
function keyName(node) {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return undefined;
}

/** @param {import('eslint').Rule.Node} node */
function isSentence(node) {
  if (node.type === 'Literal') return typeof node.value === 'string' && /\s/.test(node.value);
  if (node.type === 'TemplateLiteral') return node.quasis.some((q) => /\s/.test(q.value.cooked ?? ''));
  return false;
}

/** @param {import('eslint').Rule.Node} node */
function comparesWithLanguage(node) {
  if (node.type !== 'BinaryExpression' || !['===', '!==', '==', '!='].includes(node.operator)) return false;
  return [node.left, node.right].some((side) => side.type === 'Literal' && (side.value === 'fr' || side.value === 'en'));
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'French/English texts only in *.i18n.ts tables (shared/i18n)' },
    schema: [],
    messages: {
      table: 'A French/English table belongs in a `*.i18n.ts` file built with defineMessages/defineText (shared/i18n), where the parity test checks it.',
      ternary: 'A sentence chosen by `locale === …` is a table in disguise: put both languages in a `*.i18n.ts` table.',
      detector: 'Choosing a language by hand: use detectLocale()/localeOf() from shared/i18n.',
    },
  },
  create(context) {
    return {
      ObjectExpression(node) {
        const keys = new Set(node.properties.map((p) => (p.type === 'Property' ? keyName(p.key) : undefined)));
        if (keys.has('fr') && keys.has('en')) context.report({ node, messageId: 'table' });
      },
      ConditionalExpression(node) {
        if (comparesWithLanguage(node.test) && (isSentence(node.consequent) || isSentence(node.alternate))) {
          context.report({ node, messageId: 'ternary' });
        }
      },
      CallExpression(node) {
        const callee = node.callee;
        const arg = node.arguments[0];
        if (
          callee.type === 'MemberExpression' &&
          keyName(callee.property) === 'startsWith' &&
          arg?.type === 'Literal' &&
          (arg.value === 'fr' || arg.value === 'en')
        ) {
          context.report({ node, messageId: 'detector' });
        }
      },
    };
  },
};

export default { rules: { 'i18n-tables': rule } };
