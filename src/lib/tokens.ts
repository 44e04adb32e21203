// Secrets handed to clients (session tokens, invitation links, tickets) are random;
// only their SHA-256 is stored, so a database leak does not leak usable tokens.
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
