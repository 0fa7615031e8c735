import { randomInt } from 'node:crypto';

/**
 * A temporary password, shown once to the administrator who reset the account (or printed at first
 * start) and to be changed at the next login: 12 random characters from an alphabet without the
 * look-alikes (0/O, 1/l/I), grouped by four so that it can be read out over the phone
 * (about 71 bits). It satisfies the password policy by construction (length, no repeats of one character).
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function temporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}
