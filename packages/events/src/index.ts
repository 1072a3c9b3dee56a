export { eventContracts, type EventContract, type EventName } from './contracts.js';
