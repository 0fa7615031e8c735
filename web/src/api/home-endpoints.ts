/** 首页待办 (GET /api/home, issue #9): the role's work lists. Types read from the generated schema (decision 0013). */
import { api, type RequestOptions } from './client';
import type { ResponseOf } from './openapi';

export type HomeAnswer = ResponseOf<'/api/home'>;
export type HomeSection = HomeAnswer['sections'][number];
export type HomeItem = HomeSection['items'][number];

export const homeApi = {
  get: (opts?: RequestOptions) => api.get<HomeAnswer>('/api/home', opts),
};
