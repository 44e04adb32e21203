// The issues area's feed tab shows the one notifications list (every kind of notice).
import { Notifications } from '../Notifications.js';

export function Feed() {
  return <Notifications embedded />;
}
