import type { ChannelAdapter } from '../types.js';
import { PermanentDeliveryError } from '../types.js';
import { enqueueJob } from '../../jobs/queue.js';

/** The job that creates the WeCom mass-message task of a handed-over group send (create-mass-message.ts). */
export const MASS_CREATE_JOB = 'wecom.mass.create';

/**
 * WeCom's outbound side. WeCom has no API that posts into a customer group or changes its members on its
 * own: a group message is a mass-message task (企业群发, add_msg_template, path/92135) that the group owner
 * confirms in their app, and members are invited or removed by a person. So these kinds are assisted:
 * the dispatcher hands them to staff, and `send` is never reached for them.
 */
export const wecomAdapter: ChannelAdapter = {
  channel: 'wecom',
  // add_msg_template is a per-corp call with a monthly per-group quota; the dispatcher never calls send for
  // the assisted kinds, so this only spaces refusals.
  ratePerSecond: 10,
  assisted: ['send_group', 'invite', 'remove'],
  async send(_ctx, action) {
    throw new PermanentDeliveryError(action.kind === 'send_private'
      ? 'WeCom cannot send a private message from Shequn: one-to-one messages to customers are mass-message tasks a staff member confirms; use a staff task'
      : `WeCom does not let Shequn perform ${action.kind}`);
  },
  /**
   * After the hand-over has committed: queue the job that creates the WeCom task, so the staff member only
   * taps 发送. Only group sends have a WeCom task; the job itself decides whether the group is a known one.
   */
  async handedOver(database, action) {
    if (action.kind !== 'send_group') return;
    await enqueueJob(database, MASS_CREATE_JOB, { workspaceId: action.workspaceId, actionId: action.id }, { singletonKey: `${MASS_CREATE_JOB}:${action.id}` });
  },
};
