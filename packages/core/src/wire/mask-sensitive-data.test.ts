import { describe, expect, it } from 'vitest';
import { isSensitiveFieldName, maskCardNumbers } from './mask-sensitive-data.js';

describe('maskCardNumbers', () => {
  it.each([
    ['4111111111111111', '************1111'],
    ['card 4111 1111 1111 1111 used', 'card ************1111 used'],
    ['5500-0000-0000-0004', '************0004'],
    ['amex 378282246310005', 'amex ***********0005'],
    ['card 4111 1111 1111 1111 12/25', 'card ************1111 12/25'],
    ['pay 4111111111111111 5 items', 'pay ************1111 5 items'],
    ['qty 3 4111-1111-1111-1111', 'qty 3 ************1111'],
  ])('masks %s', (input, expected) => expect(maskCardNumbers(input)).toBe(expected));

  it.each([
    'order 1234567890123',
    '1732550400000000',
    '1732550400000',
    'o-4111111111111112',
    'phone +49 30 1234567',
    'ean 4006381333931',
    'iban DE89 3704 0044 0532 0130 00',
  ])('leaves %s (not Luhn-valid, or not a card-length run)', (input) =>
    expect(maskCardNumbers(input)).toBe(input),
  );
});

describe('isSensitiveFieldName', () => {
  it.each([
    'cvv',
    'card_cvc',
    'cardnumber',
    'card_number',
    'password',
    'api_key',
    'access_token',
    'payment_pan',
  ])('%s is sensitive', (name) => expect(isSensitiveFieldName(name)).toBe(true));
  it.each([
    ['newpassword', 'newPassword'],
    ['cardcvv', 'cardCvv'],
    ['authtoken', 'authToken'],
    ['sessiontoken', 'sessionToken'],
    ['cardpin', 'cardPin'],
  ])('%s (written %s) is sensitive', (name, raw) => expect(isSensitiveFieldName(name, raw)).toBe(true));
  it.each(['pwd', 'cookie', 'set_cookie', 'jwt', 'passcode', 'security_code', 'card_pin', 'x_token'])(
    '%s is sensitive too',
    (name) => expect(isSensitiveFieldName(name)).toBe(true),
  );
  it.each([
    'order_id',
    'amount',
    'payment_id',
    'tokens_used_count_x',
    'pandas',
    'spinner',
    'pin_code',
    'auth_type',
    'token_count',
    'authorization_status',
    'payment_authorization_id',
    'is_auth',
  ])('%s is not', (name) => expect(isSensitiveFieldName(name)).toBe(false));
});
