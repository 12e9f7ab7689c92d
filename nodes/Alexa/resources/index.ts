export * as skillMessage from './skillMessage';
