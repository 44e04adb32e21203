// The live session's part of the live layer: a new follower of roundtable:<id> gets the whole live
// state as its snapshot (then live.* events).
import { registerSnapshot } from '../../live/access.js';
import { liveState } from './session.service.js';

export function registerLiveSessionLive(): void {
  // The same for every follower (the stream's audience may see all of it): built once per seq and instance.
  registerSnapshot('roundtable', ({ db, parts }) => (parts.length === 1 ? liveState(db, parts[0]!) : Promise.resolve(null)), { shared: true });
}
