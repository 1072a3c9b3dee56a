import { requireRole, Roles } from '@tessera/auth';
import { BadUserInputError } from '@tessera/errors';
import { decodeCursor, toConnection, validateFirst } from '@tessera/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { createUsersRepository, type UserRecord } from '../repositories/users.js';

function userCursorKey(user: UserRecord): Record<string, unknown> {
  return { id: user._id };
}

function decodeUserCursor(cursor: string): string {
  const { id } = decodeCursor(cursor, 'after');
  if (typeof id !== 'string' || id.length === 0) {
    throw new BadUserInputError(
      '"after" is not a valid cursor. Use a cursor returned by this connection.',
      'after',
    );
  }
  return id;
}

export const Query: QueryResolvers = {
  // A token whose user has since been deleted reads as anonymous rather than failing.
  me: (_parent, _args, context) =>
    context.principal ? context.loaders.userById.load(context.principal.userId) : null,

  users: async (_parent, args, context) => {
    requireRole(context.principal, Roles.admin, 'Only an admin may list users.');
    const first = validateFirst(args.first);
    const afterId = args.after == null ? undefined : decodeUserCursor(args.after);
    const users = await createUsersRepository(context.db).findPage({
      limit: first + 1,
      ...(afterId === undefined ? {} : { afterId }),
    });
    for (const user of users) context.loaders.userById.prime(user._id, user);
    return toConnection(users, first, userCursorKey, { hasPreviousPage: afterId !== undefined });
  },
};
