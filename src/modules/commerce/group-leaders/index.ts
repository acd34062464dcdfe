/** The verbs other modules (orders, jobs) call; each runs inside the caller's TenantCtx transaction. */
export { recordLeaderOrder, type LeaderAttribution } from './record-leader-order.js';
export { reverseLeaderCommission, type LeaderRefund, type LeaderReversal } from './reverse-leader-commission.js';
export { releaseLeaderCommissions, runLeaderCommissionRelease } from './release-leader-commissions.js';
export { appointLeader, updateLeader, setLeaderStatus } from './appoint-leader.js';
export { handOverOrder } from './hand-over-order.js';
export { getLeader, listLeaders } from './leader-row.js';
