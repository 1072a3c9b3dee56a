import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSpec {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

/** Composes test subgraphs into a supergraph SDL, failing loudly on composition errors. */
export function composeSupergraph(subgraphs: readonly SubgraphSpec[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) {
    throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.supergraphSdl;
}
