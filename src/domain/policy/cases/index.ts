import type { RuleCase } from './case';
import { beijingCases } from './beijing.cases';
import { jilinCases } from './jilin.cases';
import { nationalCases } from './national.cases';
import { yunnanCases } from './yunnan.cases';
import { zizhiquCases } from './zizhiqu.cases';

/** All rule cases, one file per document family. */
export const ALL_CASES: { file: string; cases: RuleCase[] }[] = [
  { file: 'national.cases.ts', cases: nationalCases },
  { file: 'yunnan.cases.ts', cases: yunnanCases },
  { file: 'beijing.cases.ts', cases: beijingCases },
  { file: 'jilin.cases.ts', cases: jilinCases },
  { file: 'zizhiqu.cases.ts', cases: zizhiquCases },
];
