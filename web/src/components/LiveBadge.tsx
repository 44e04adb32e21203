// Live badges: how many changes reached the company inbox (company representatives) or the
// officials' review queue (officials only: the stream names anonymous issues' companies, which
// organizers may not know) since the issues were last looked at.
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { tn } from '../i18n/index.js';
import { live } from '../live.js';
import { route } from '../router.js';
import { me } from '../session.js';

export const unseenChanges = signal(0);

/** The stream this person's badge follows, if any. */
function badgeStream(): string | null {
  const user = me.value?.user;
  if (!user) return null;
  if (user.role === 'official') return 'officials';
  if (user.role === 'company_rep' && user.organizationId) return `company:${user.organizationId}`;
  return null;
}

export function useLiveBadge() {
  const stream = badgeStream();
  useEffect(() => {
    unseenChanges.value = 0;
    if (!stream) return;
    return live.subscribe(stream, {
      snapshot: () => {},
      event: (type) => {
        if (type.startsWith('issue.') && !route.value.startsWith('/issues')) unseenChanges.value++;
      },
    });
  }, [stream]);
  // Looking at the issues clears the badge.
  useEffect(() => {
    if (route.value.startsWith('/issues')) unseenChanges.value = 0;
  }, [route.value]);
}

export function LiveBadge() {
  const n = unseenChanges.value;
  if (!n) return null;
  return (
    <span class="badge live-badge" data-testid="live-badge" title={tn('live.badge.new', n)}>
      {n}
    </span>
  );
}
