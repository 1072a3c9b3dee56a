import type { IncomingHttpHeaders } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

type SubgraphModule = Exclude<Parameters<typeof buildSubgraphSchema>[0], unknown[]>;
export type SubgraphResolvers = NonNullable<
  Extract<SubgraphModule, { typeDefs: unknown }>['resolvers']
>;

export interface TestSubgraph {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
  /** Headers of every request the subgraph received, oldest first. */
  readonly received: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

/** A tiny in-process subgraph on 127.0.0.1 and a free port, recording request headers. */
export async function startSubgraph(
  name: string,
  sdl: string,
  resolvers: SubgraphResolvers,
): Promise<TestSubgraph> {
  const received: IncomingHttpHeaders[] = [];
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers }),
    stopOnTerminationSignals: false,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: ({ req }) => {
      received.push(req.headers);
      return Promise.resolve({});
    },
  });
  return { name, url, sdl, received, stop: () => server.stop() };
}
