import { toConnection, validateFirst } from '@tessera/subgraph-kit';
import { NotFoundError } from '@tessera/errors';
import { requireRole, requireUser, Roles } from '@tessera/auth';
import { assertCanReadOrder } from '../access.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { decodeOrderCursor, orderCursorKey } from '../order-cursor.js';
import { createOrdersRepository } from '../repositories/orders.js';

export const Query: QueryResolvers = {
  order: async (_parent, args, context) => {
    const caller = requireUser(context.principal);
    const order = await context.loaders.orderById.load(args.id);
    if (!order) throw new NotFoundError('No order exists with this id.');
    assertCanReadOrder(caller, order);
    return order;
  },

  orders: async (_parent, args, context) => {
    requireRole(context.principal, Roles.admin, 'Only an admin may list all orders.');
    const first = validateFirst(args.first);
    const after = args.after == null ? undefined : decodeOrderCursor(args.after);
    const docs = await createOrdersRepository(context.db).findPage({
      limit: first + 1,
      ...(after === undefined ? {} : { after }),
      ...(args.status == null ? {} : { status: args.status }),
    });
    for (const doc of docs) context.loaders.orderById.prime(doc._id, doc);
    return toConnection(docs, first, orderCursorKey, { hasPreviousPage: after !== undefined });
  },

  sagas: async (_parent, args, context) => {
    requireRole(context.principal, Roles.admin, 'Only an admin may list sagas.');
    const first = validateFirst(args.first);
    const after = args.after == null ? undefined : decodeOrderCursor(args.after);
    const docs = await createOrdersRepository(context.db).findPage({
      limit: first + 1,
      sagaState: args.state,
      ...(after === undefined ? {} : { after }),
    });
    for (const doc of docs) context.loaders.orderById.prime(doc._id, doc);
    return toConnection(docs, first, orderCursorKey, { hasPreviousPage: after !== undefined });
  },
};
