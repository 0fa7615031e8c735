import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy';

describe('password policy (issue #9: 10 characters, no common password, not the username)', () => {
  it('accepts a long pass phrase', () => {
    expect(passwordProblems('wuhua-yibao-2026-chunjie', 'wuhua_officer')).toEqual([]);
  });
  it('refuses fewer than 10 characters, counting characters, not UTF-16 units', () => {
    expect(passwordProblems('abc12345', 'x')).toEqual(['密码至少 10 个字符']);
    expect(passwordProblems('医保定点协议管理系统密', 'x')).toEqual([]);
    expect(passwordProblems('𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀x', 'x')).toEqual([]);
  });
  it('refuses a common password whatever its case', () => {
    expect(passwordProblems('Password123', 'x')).toEqual(['密码过于常见，容易被猜中，请换一个']);
    expect(passwordProblems('1qaz2wsx3edc', 'x')).toHaveLength(1);
  });
  it('refuses the username itself, and the username with digits around it', () => {
    expect(passwordProblems('wuhua_officer', 'wuhua_officer')).toEqual(['密码不能与用户名相同']);
    expect(passwordProblems('Wuhua_Officer2026', 'wuhua_officer')).toEqual(['密码不能与用户名相同']);
  });
  it('refuses one character repeated', () => {
    expect(passwordProblems('zzzzzzzzzzzz', 'x')).toEqual(['密码不能由同一个字符重复组成']);
  });
});
