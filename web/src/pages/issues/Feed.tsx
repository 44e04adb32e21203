// The issues area's feed tab shows the one notifications list (every kind of notice); `describe` is
// the notice's localized line for other pages (the dashboard).
import { describe as describeNotice, Notifications } from '../Notifications.js';
import type { FeedItem } from './model.js';

export function describe(item: FeedItem): string {
  return describeNotice({ ...item, link: null });
}

export function Feed() {
  return <Notifications embedded />;
}
