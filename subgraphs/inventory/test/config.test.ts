import { describe, expect, it } from 'vitest';
import { ConfigError } from '@tessera/config';
import { loadInventoryConfig } from '../src/config.js';

describe('inventory config', () => {
  it('has dev defaults: port 4003 and database tessera_inventory', () => {
    expect(loadInventoryConfig({})).toMatchObject({ port: 4003, mongoDb: 'tessera_inventory' });
  });

  it('reads INVENTORY_PORT and INVENTORY_MONGODB_URI over the shared MONGODB_URI', () => {
    const config = loadInventoryConfig({
      INVENTORY_PORT: '5003',
      MONGODB_URI: 'mongodb://shared:27017/',
      INVENTORY_MONGODB_URI: 'mongodb://own:27017/',
    });
    expect(config).toMatchObject({ port: 5003, mongoUri: 'mongodb://own:27017/' });
  });

  it('reports a bad port as a ConfigError naming INVENTORY_PORT', () => {
    expect(() => loadInventoryConfig({ INVENTORY_PORT: 'x' })).toThrow(ConfigError);
    try {
      loadInventoryConfig({ INVENTORY_PORT: 'x' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^INVENTORY_PORT: /)]);
    }
  });
});
