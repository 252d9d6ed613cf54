// Cheap HTML → text for search and snippets. Not for display: the renderer shows sanitized HTML itself.
const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", eacute: 'é', egrave: 'è', ecirc: 'ê',
  agrave: 'à', acirc: 'â', ccedil: 'ç', ocirc: 'ô', ucirc: 'û', ugrave: 'ù', icirc: 'î', iuml: 'ï',
  euml: 'ë', oelig: 'œ', laquo: '«', raquo: '»', euro: '€', hellip: '…', rsquo: '’', lsquo: '‘',
  rdquo: '”', ldquo: '“', ndash: '–', mdash: '—', Eacute: 'É', Agrave: 'À', Ccedil: 'Ç',
};

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(br|\/p|\/div|\/tr|\/li|\/h[1-6])\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[e] ?? m;
    })
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** First words of a body, one line, for the message list. Reads only as many lines as the snippet needs. */
export function makeSnippet(text: string, max = 200): string {
  const kept: string[] = [];
  let solid = 0;
  for (let pos = 0; pos < text.length && solid <= max; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    pos = nl + 1;
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
    solid += line.replace(/\s+/g, '').length;
  }
  // Once more than `max` non-blank characters are kept, the cut below falls inside them: reading further
  // lines could not change the snippet.
  const oneLine = kept.join(' ').replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
