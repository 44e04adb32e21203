// The categories a person tunes delivery for (the database enum's values).
import { NOTIFICATION_CATEGORIES } from '../../db/schema/notifications.js';

export { NOTIFICATION_CATEGORIES };
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];
