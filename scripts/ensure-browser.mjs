// Browser tests drive Debian's Chromium (never a downloaded browser). Install it, with CJK fonts so
// Japanese and Chinese render, when missing. Needs root (as on CI); otherwise says what to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const hasPackage = (name) => {
  try {
    return execSync(`dpkg-query -W -f='\${Status}' ${name}`, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .includes('installed');
  } catch {
    return false;
  }
};
const missing = ['chromium', 'fonts-noto-cjk'].filter((p) => !(p === 'chromium' ? existsSync('/usr/bin/chromium') : hasPackage(p)));
if (missing.length) {
  if (process.getuid?.() !== 0) {
    console.warn(`Browser tests need: apt-get install -y ${missing.join(' ')} (run as root)`);
  } else {
    console.log(`Installing ${missing.join(', ')} from Debian's packages…`);
    const quiet = { stdio: ['ignore', 'ignore', 'inherit'] };
    execSync('apt-get update -qq', quiet);
    execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, quiet);
  }
}
