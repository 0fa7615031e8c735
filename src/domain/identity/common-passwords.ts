/**
 * Passwords of 10 or more characters that appear at the top of published leaked-password lists
 * (the 2011 CSDN / 天涯 leaks, the yearly "most common passwords" lists, keyboard walks and
 * Chinese pinyin / number habits). Shorter ones are refused by length already. Kept lower-case: the
 * check lower-cases the candidate, so `Password123` is refused like `password123`.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '0123456789', '1234567890', '12345678910', '123456789a', 'a123456789', 'a1234567890', '1234567890a',
  '123456789q', 'q123456789', '0987654321', '9876543210', '1111111111', '0000000000', '8888888888',
  '6666666666', '5555555555', '1234512345', '1231231234', '1122334455', '1357924680', '1234554321',
  '12345678900', '11223344556', '123123123123', '147258369a', '1472583690', '1314520520', '5201314520',
  '52013145201314', 'woaini1314', 'woaini520', 'woaini5201314', 'iloveyou1314', 'iloveyou520',
  'qwertyuiop', 'qwertyuiop123', 'qwerty1234', 'qwerty12345', 'qwerty123456', '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'zaq12wsxcde3',
  'asdfghjkl1', 'asdfghjkl123', 'zxcvbnm123', 'zxcvbnm1234', '1qazxsw23edc', 'qazwsxedc123',
  'qazwsxedcrfv', 'password12', 'password123', 'password1234', 'passw0rd123', 'p@ssw0rd123',
  'p@ssword123', 'admin12345', 'admin123456', 'administrator', 'administrator1', 'root123456',
  'abc1234567', 'abcd123456', 'abcde12345', 'abc123456789', 'abcdefghij', 'aa12345678',
  'aa123456789', 'aaaaaaaaaa', 'iloveyou12', 'iloveyou123', 'sunshine123', 'welcome123',
  'welcome1234', 'changeme123', 'letmein123', 'football123', 'baseball123', 'superman123',
  'qq1234567890', 'qq123456789', 'wang123456', 'zhang123456', 'li12345678', 'liu123456789',
  'chen123456', 'yang123456', 'huang123456', 'zhao123456', 'zhou123456', 'woaiwojia123',
  'woaini123456', 'nihao123456', 'dingdian2025', 'dingdian123', 'dingdian1234', 'yibao123456',
  'yibao12345', 'yiliao123456', 'yaodian123456', 'hospital123', 'p@ssw0rd1234', 'abc@123456',
  'a12345678@', 'admin@123456', 'admin@12345', 'test123456', 'test1234567', 'guest123456',
]);
