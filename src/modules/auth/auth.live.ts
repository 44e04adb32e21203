// The auth module's part of the live layer: resolving a socket's session to its principal.
import { registerSessionResolver } from '../../live/access.js';
import { findPrincipalBySessionId } from './sessions.repo.js';

export function registerAuthLive(): void {
  registerSessionResolver(findPrincipalBySessionId);
}
