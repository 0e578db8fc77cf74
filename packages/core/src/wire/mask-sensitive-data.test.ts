import { describe, expect, it } from 'vitest';
import { isSensitiveFieldName, judgeFieldName } from './mask-sensitive-data.js';

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

describe('one-time codes and bearer tokens', () => {
  it.each(['bearer', 'bearer_token', 'otp', 'sms_otp', 'totp', 'hotp', 'otp_code', 'one_time_password'])(
    '%s is sensitive',
    (name) => expect(isSensitiveFieldName(name)).toBe(true),
  );
  it.each([
    ['smsotp', 'smsOtp'],
    ['otpcode', 'otpCode'],
    ['onetimepassword', 'oneTimePassword'],
    ['bearertoken', 'bearerToken'],
  ])('%s (written %s) is sensitive', (name, raw) => expect(isSensitiveFieldName(name, raw)).toBe(true));
  it.each(['hotpot', 'footprint', 'shipping_method', 'pin_code', 'token_count', 'auth_type'])(
    '%s is not',
    (name) => expect(isSensitiveFieldName(name)).toBe(false),
  );
});

describe('judgeFieldName', () => {
  it.each([
    ['token', 'token', 'secret'],
    ['pin', 'pin', 'secret'],
    ['auth', 'auth', 'secret'],
    ['password', 'password', 'secret'],
    // a flattened name is judged whole and by its own key: `user.pin`, `session.otp`
    ['user_pin', 'pin', 'secret'],
    ['session_otp', 'otp', 'secret'],
    ['payment_card_number', 'number', 'secret'],
    ['customer_bearer', 'bearer', 'secret'],
    // `card` hides a value but lets an object be judged field by field
    ['card', 'card', 'card'],
    ['payment_card', 'card', 'card'],
    ['card', 'Card', 'card'],
    // commerce fields that only look like secrets
    ['card_brand', 'brand', 'plain'],
    ['card_last4', 'last4', 'plain'],
    ['card_exp_month', 'exp_month', 'plain'],
    ['shipping_pin_code', 'pin_code', 'plain'],
    ['usage_token_count', 'token_count', 'plain'],
    ['auth_type', 'auth_type', 'plain'],
    ['shipping', 'shipping', 'plain'],
    ['payment_card_brand', 'brand', 'plain'],
  ] as const)('%s (key %s) is %s', (name, key, expected) => expect(judgeFieldName(name, key)).toBe(expected));
});
