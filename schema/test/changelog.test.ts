import { describe, expect, it } from 'vitest';
import { newAcknowledgements, normalizeCoordinate, parseChangelog } from '../src/changelog.js';

describe('the changelog acknowledgement format', () => {
  it('reads `- BREAKING ACK: <coordinate> — <reason>` lines with their line numbers', () => {
    const text = [
      '# Schema changelog',
      '',
      '## 2025-01-10',
      '- BREAKING ACK: Product.name — renamed to title; storefront updated',
      '* BREAKING ACK: Query.products(first:) -- now required',
      '- BREAKING ACK: event:order.placed/lines[].sku - replaced by productId',
      '- Added Product.weight (not an acknowledgement)',
    ].join('\n');
    expect(parseChangelog(text)).toEqual({
      acknowledgements: [
        { coordinate: 'Product.name', reason: 'renamed to title; storefront updated', line: 4 },
        { coordinate: 'Query.products.first', reason: 'now required', line: 5 },
        { coordinate: 'event:order.placed/lines[].sku', reason: 'replaced by productId', line: 6 },
      ],
      problems: [],
    });
  });

  it('ignores examples inside fenced code blocks', () => {
    const text = '```\n- BREAKING ACK: <coordinate> — <reason>\n```\n';
    expect(parseChangelog(text)).toEqual({ acknowledgements: [], problems: [] });
  });

  it('reports an acknowledgement without a reason as malformed', () => {
    expect(parseChangelog('x\n- BREAKING ACK: Product.name\n').problems).toEqual([
      { line: 2, message: expect.stringContaining('malformed acknowledgement') },
    ]);
  });

  it('normalises the spec argument form to the path form changes carry', () => {
    expect(normalizeCoordinate('Query.products(first:)')).toBe('Query.products.first');
    expect(normalizeCoordinate('Product.name')).toBe('Product.name');
  });

  it('counts only acknowledgements this change adds, not those inherited from the base', () => {
    const base = parseChangelog('- BREAKING ACK: Product.name — old removal\n').acknowledgements;
    const inheritedOnly = parseChangelog(
      '- BREAKING ACK: Product.name — old removal\n',
    ).acknowledgements;
    expect([...newAcknowledgements(inheritedOnly, base).keys()]).toEqual([]);
    const added = parseChangelog(
      '- BREAKING ACK: Product.name — old removal\n- BREAKING ACK: Product.name — removed again\n- BREAKING ACK: Money.currency — ISO only\n',
    ).acknowledgements;
    expect([...newAcknowledgements(added, base).entries()]).toEqual([
      ['Product.name', { coordinate: 'Product.name', reason: 'removed again', line: 2 }],
      ['Money.currency', { coordinate: 'Money.currency', reason: 'ISO only', line: 3 }],
    ]);
  });
});
