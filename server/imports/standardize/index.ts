export { messagesText, normalizeText } from './normalize-text';
