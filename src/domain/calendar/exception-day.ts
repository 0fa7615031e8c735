/**
 * A day that departs from the weekday rule: 'holiday' = 法定节假日 (off), 'workday' = 调休上班 on a
 * weekend. Its own file so that the statutory-holiday computation and the calendar that uses it do
 * not import each other.
 */
export type ExceptionKind = 'holiday' | 'workday';
export interface ExceptionDay {
  day: string;
  kind: ExceptionKind;
  name: string;
}
