import { useEffect, useState } from 'react';
import { Badge } from 'antd';
import { useLocation } from 'react-router-dom';
import { useAuth } from '../../auth.js';
import { tasksApi } from './tasksApi.js';
import { endOfToday } from './time.js';

/** Tasks changed on this page ask the menu's count to refresh at once rather than at the next poll. */
export const TASKS_CHANGED = 'shequn:tasks-changed';
export const announceTasksChanged = () => window.dispatchEvent(new Event(TASKS_CHANGED));
const POLL_MS = 60_000;

/** The menu's count of the signed-in person's open tasks due today or overdue; nothing when there are none. */
export function TodayBadge() {
  const { session } = useAuth();
  const { pathname } = useLocation();
  const [count, setCount] = useState(0);
  const csrf = session?.csrfToken;
  const zone = session?.workspace.timeZone;

  useEffect(() => {
    if (!csrf) return undefined;
    let live = true;
    const load = () => tasksApi(csrf).list({ assignee: 'mine', status: 'open', dueBefore: endOfToday(zone), pageSize: 1 })
      // A count that cannot be read is simply not shown; the page itself reports errors.
      .then((p) => live && setCount(p.total), () => undefined);
    void load();
    const timer = setInterval(load, POLL_MS);
    window.addEventListener(TASKS_CHANGED, load);
    return () => { live = false; clearInterval(timer); window.removeEventListener(TASKS_CHANGED, load); };
  }, [csrf, zone, pathname]);

  return <Badge count={count} size="small" offset={[6, -2]} data-testid="today-badge" />;
}
