export * from './regions';
export * from './organizations';
export * from './identity';
export * from './registry';
export * from './calendar';
export * from './audit';
export * from './settings';
export * from './designation';
