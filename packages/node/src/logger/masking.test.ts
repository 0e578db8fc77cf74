import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { createShoptel } from '../shoptel/create-shoptel.js';

const dev = useDevServer();

/** Luhn-valid test numbers of several networks, in the ways people write them. */
const CARDS = [
  '4111111111111111',
  '4111 1111 1111 1111',
  '4111-1111-1111-1111',
  '5555555555554444',
  '378282246310005',
  '3782 822463 10005',
  '6011111111111117',
  '3530111333300000',
];
const digitsOnly = (text: string) => text.replace(/\D/g, '');
const SECRETS = ['hunter2-password', 'cvv-737', 'tok_live_secret_abc', 'Bearer abc.def.ghi'];

describe('masking through the logger', () => {
  it('stores no card number or secret from messages, metadata, nested fields, arrays or keys', async () => {
    const shoptel = createShoptel({ url: dev.url, auth: AUTH, serviceName: 'masking' });
    const { logger } = shoptel;
    CARDS.forEach((card, i) => {
      logger.log({
        level: 'INFO',
        category: 'PAYMENT',
        action: `in_message_${i}`,
        message: `charge card ${card} now`,
      });
      logger.logPaymentEvent(`p-${i}`, 'captured', 10, 'ok', {
        card,
        note: `customer typed ${card} in the notes`,
        billing: { card: { number: card, holder: 'A. Buyer' }, history: [card, { pan: card }] },
        tags: { last: card },
        // As a key, as written and in digits alone.
        [card]: 'a card number as a key',
        [`k${digitsOnly(card)}`]: 'glued to a letter',
      });
      logger.logOrderEvent(`o-${i}`, 'paid', {
        payment: { details: { deeper: { deepest: { pan: card } } } },
      });
    });
    logger.logUserAction('signup', 'u-1', {
      password: SECRETS[0],
      cvv: SECRETS[1],
      apiToken: SECRETS[2],
      headers: { authorization: SECRETS[3] },
    });
    await shoptel.shutdown();

    const rows = await dev.rows(sql`SELECT * FROM ${sql.id('business_events')} WHERE service = ${'masking'}`);
    expect(rows).toHaveLength(CARDS.length * 3 + 1);
    const stored = JSON.stringify(rows);
    // Every key and value on its own, separators removed: no card number in any form.
    const pieces = rows.flatMap((row) => Object.entries(row as object).flatMap(([k, v]) => [k, String(v)]));
    for (const card of CARDS) {
      expect(stored).not.toContain(card);
      for (const piece of pieces) expect(digitsOnly(piece)).not.toContain(digitsOnly(card));
    }
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    // What stays readable: the masked tail and the rest of the record.
    expect(stored).toContain('1111');
    expect(stored).toContain('A. Buyer');
  });
});
