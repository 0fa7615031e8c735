/**
 * Reads request and response types out of the generated schema.gen.ts (decision 0013), so that
 * types.ts and pipeline-types.ts name shapes instead of copying them:
 *   type InstitutionDetail = ResponseOf<'/api/institutions/{id}'>;
 * A path or method the server does not declare is a type error here, not a silent `unknown`.
 */
import type { paths } from './schema.gen';

export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** the paths that answer `M` */
type PathWith<M extends Method> = { [P in ApiPath]: paths[P][M] extends undefined ? never : P }[ApiPath];
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON a path answers with on success: 200, or 201 for a creation. */
export type ResponseOf<P extends PathWith<M>, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer Ok } ? Json<Ok> : R extends { 201: infer Created } ? Json<Created> : never
    : never;

/** The JSON body a path takes (as the client may send it: defaulted fields are optional). */
export type BodyOf<P extends PathWith<M>, M extends Method> = Json<NonNullable<Operation<P, M>['requestBody']>>;

/** The query parameters a path takes. */
export type QueryOf<P extends PathWith<M>, M extends Method = 'get'> = NonNullable<Operation<P, M>['parameters']['query']>;

/**
 * A list's filters under the server's query names, values as plain strings (they come from the URL
 * and from selects fed by /api/meta/enums; the server checks them and answers 400 naming the field).
 */
export type FiltersOf<P extends PathWith<'get'>> = {
  [K in keyof QueryOf<P>]?: NonNullable<QueryOf<P>[K]> extends number ? number : string;
};
