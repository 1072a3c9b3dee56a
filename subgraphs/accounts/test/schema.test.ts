import { printSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../src/schema.js';

describe('accounts schema', () => {
  it('builds a Federation 2 subgraph with the User entity, login and me', () => {
    const sdl = printSubgraphSchema(createSchema());
    expect(sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/login\(email: String!, password: String!\): AuthPayload!/);
    expect(sdl).toMatch(/me: User\s/);
  });
});
