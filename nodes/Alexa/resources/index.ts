export * as authorization from './authorization';
export * as event from './event';
export * as skillMessage from './skillMessage';
