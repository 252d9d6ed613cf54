// The bounded body getMessage sends (issue 10): cut at the limit, never inside a surrogate pair, an HTML tag
// (quoted attribute values included), a comment or an entity; untouched when short enough.
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_CHARS, cutHtml, cutText } from '../../shared/body-cut.js';

describe('cutText', () => {
  it('keeps a short text whole and cuts a long one at the limit', () => {
    expect(cutText('court', 10)).toEqual({ text: 'court', cut: false });
    expect(cutText('x'.repeat(BODY_LIMIT_CHARS))).toEqual({ text: 'x'.repeat(BODY_LIMIT_CHARS), cut: false });
    const long = cutText('y'.repeat(BODY_LIMIT_CHARS + 1));
    expect(long).toEqual({ text: 'y'.repeat(BODY_LIMIT_CHARS), cut: true });
  });

  it('never splits a surrogate pair', () => {
    const r = cutText('abc😀def', 4); // the emoji is characters 3 and 4
    expect(r).toEqual({ text: 'abc', cut: true });
    expect(cutText('abc😀def', 5)).toEqual({ text: 'abc😀', cut: true });
  });
});

describe('cutHtml', () => {
  it('keeps short HTML whole', () => {
    expect(cutHtml('<p>a</p>', 8)).toEqual({ html: '<p>a</p>', cut: false });
  });

  it('cuts in text, before a tag the limit falls into', () => {
    const html = '<p>Bonjour</p><a href="https://example.test/x">lien</a>';
    for (let limit = 15; limit < html.indexOf('lien'); limit++) expect(cutHtml(html, limit).html).toBe('<p>Bonjour</p>');
    expect(cutHtml(html, html.indexOf('lien') + 2)).toEqual({ html: '<p>Bonjour</p><a href="https://example.test/x">li', cut: true });
  });

  it('a ">" or "<" inside a quoted attribute value does not end or start a tag', () => {
    const html = '<p>Avant</p><img alt="a > b < c" src="x.png">Après et encore du texte';
    const inTag = html.indexOf('c"');
    expect(cutHtml(html, inTag).html).toBe('<p>Avant</p>');
    expect(cutHtml(html, html.indexOf('Après') + 3).html).toBe('<p>Avant</p><img alt="a > b < c" src="x.png">Apr');
    // An apostrophe in text inside a tag's unquoted context does not open a value.
    const apos = "<p class=x data-note=l'été>Texte</p>suite";
    expect(cutHtml(apos, apos.indexOf('Texte') + 2).html).toBe("<p class=x data-note=l'été>Te");
  });

  it('never ends inside a comment, an entity or a surrogate pair; a lone "<" is text', () => {
    const comment = '<p>a</p><!-- <b>commentaire</b> -->fin du message';
    expect(cutHtml(comment, comment.indexOf('commentaire')).html).toBe('<p>a</p>');
    const entity = '<p>Prix : 10&nbsp;€ &amp; plus</p>';
    expect(cutHtml(entity, entity.indexOf('nbsp') + 2).html).toBe('<p>Prix : 10');
    expect(cutHtml(entity, entity.indexOf('&amp;') + 5).html).toBe('<p>Prix : 10&nbsp;€ &amp;');
    expect(cutHtml('<p>1 < 2 et 3 > 2</p>', 12).html).toBe('<p>1 < 2 et ');
    expect(cutHtml('<p>ab😀cd</p>', 6)).toEqual({ html: '<p>ab', cut: true });
  });

  it('a tag never closed before the end of the kept part is dropped, and the result stays within the limit', () => {
    const html = `<p>${'mot '.repeat(100)}</p><div title="${'z'.repeat(500)}`;
    const r = cutHtml(html, 450);
    expect(r.html.endsWith('</p>')).toBe(true);
    const big = `<h1>Grand</h1>${'<p>Un paragraphe ordinaire.</p>'.repeat(20_000)}`;
    const cut = cutHtml(big);
    expect(cut.cut).toBe(true);
    expect(cut.html.length).toBeLessThanOrEqual(BODY_LIMIT_CHARS);
    expect(cut.html.length).toBeGreaterThan(BODY_LIMIT_CHARS - 40);
    expect(cut.html).toMatch(/>[^<>]*$/);
  });
});
