export * as authorization from './authorization';
export * as event from './event';
export * as skillEnablement from './skillEnablement';
export * as skillMessage from './skillMessage';
