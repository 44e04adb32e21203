// What other modules may call: the one way to tell people of something (feed row + `user:<id>` event
// + e-mail per their preferences, all in the caller's transaction), account mail (invitations,
// password resets) and the stream notices that are not feed items (access changes).
export { NOTIFICATION_CATEGORIES, type NotificationCategory } from './notifications.categories.js';
export type { NoticeKind } from './notifications.kinds.js';
export { deliver, notify, queueAccountMail, signalUser, withdrawAccountMail, type Delivery, type Notice } from './notifications.service.js';
