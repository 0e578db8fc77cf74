/** Prefixes and lengths of the card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
const CARD_NETWORK =
  /^(4\d{15}(\d{3})?|5[1-5]\d{14}|2(22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)\d{12}|3[47]\d{13}|6(011|5\d\d|4[4-9]\d)\d{12,15}|35(2[89]|[3-8]\d)\d{12,15}|3(0[0-5]|[689]\d)\d{11,16}|62\d{14,17}|(5[06-9]|6\d)\d{10,17})$/;

/**
 * Whether a string of digits is a card number: 13–19 digits with a card network's prefix and
 * length, passing the Luhn check. Order ids, barcodes, epoch times and phone numbers fail one of
 * the three nearly always.
 */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) && CARD_NETWORK.test(digits);
}

/**
 * Whether digits have a card network's prefix and length, Luhn aside: for a number too large for
 * a double to hold exactly, whose last digits are lost.
 */
export function hasCardNetworkShape(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && CARD_NETWORK.test(digits);
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The digits behind asterisks but the last four (`************1111`), as PCI DSS allows to show. */
export function maskDigits(digits: string): string {
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
