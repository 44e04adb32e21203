// Connection URLs carry passwords (SMTP_URL, DATABASE_URL): what is logged or shown in an error has it masked.

/** The URL with its password replaced by `***`; a string that is not a URL has any `user:secret@` masked. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (!u.password) return raw;
    u.password = '***';
    return u.toString();
  } catch {
    return raw.replace(/\/\/([^/:@\s]*):[^@\s]*@/, '//$1:***@');
  }
}
