/** The verbs other modules (orders, payments, member pages) call; each runs inside the caller's TenantCtx transaction. */
export { applyAsDistributor, type ApplyInput } from './apply-as-distributor.js';
export { approveDistributor, rejectDistributor } from './decide-distributor.js';
export { bindCustomer, type BindInput } from './bind-customer.js';
export { postOrderCommission, type PaidOrder, type CommissionPosting } from './post-order-commission.js';
export { reverseOrderCommission, type OrderRefund, type Reversal } from './reverse-order-commission.js';
export { releaseDueCommissions, runCommissionRelease } from './release-commissions.js';
export { requestWithdrawal, type WithdrawInput } from './request-withdrawal.js';
export { decideWithdrawal } from './decide-withdrawal.js';
export { getDistributor, distributorOfMember } from './distributor-row.js';
export { getDistributionSettings } from './settings.js';
export { creditedDistributor } from './credited-distributor.js';
