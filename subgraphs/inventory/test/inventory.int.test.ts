import { describe, expect, it } from 'vitest';
import { seedProductId } from '@tessera/catalog/seed';
import { graphqlRequest } from '@tessera/testing';
import { stockCollection } from '../src/repositories/stock.js';
import { seed } from '../src/seed.js';
import { seedStock } from '../src/seed-data.js';
import { startInventory, type InventoryFixture } from './inventory-fixture.js';

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product {
        id
        inStock
        availableQuantity
        shippingEstimate {
          amount
          currency
        }
      }
    }
  }
`;

const SET_STOCK = /* GraphQL */ `
  mutation ($productId: ID!, $quantity: Int!) {
    setStock(productId: $productId, quantity: $quantity) {
      id
      inStock
      availableQuantity
    }
  }
`;

interface StockFields {
  id: string;
  inStock: boolean;
  availableQuantity: number;
  shippingEstimate: { amount: number; currency: string } | null;
}

function entities(fixture: InventoryFixture, representations: readonly Record<string, unknown>[]) {
  return graphqlRequest<{ _entities: (StockFields | null)[] }>(fixture.url, ENTITIES, {
    representations: representations.map((r) => ({ __typename: 'Product', ...r })),
  });
}

function seededQuantity(productId: string): number {
  const stock = seedStock().find((s) => s._id === productId);
  if (!stock) throw new Error(`${productId} is not seeded`);
  return stock.available;
}

async function adminToken(fixture: InventoryFixture): Promise<string> {
  return fixture.issuer.sign({ sub: 'usr_0002', roles: ['customer', 'admin'] });
}

describe('inventory Product entities', () => {
  it('resolves stock and a shipping estimate from the weight catalog sent (@requires)', async () => {
    await using fixture = await startInventory();
    const { body } = await entities(fixture, [
      { id: 'prod_0001', weight: 1200 },
      { id: 'prod_0005', weight: 300 },
    ]);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      {
        id: 'prod_0001',
        inStock: true,
        availableQuantity: seededQuantity('prod_0001'),
        // 1,200 g is three 500 g steps: 4.99 + 2 × 1.50.
        shippingEstimate: { amount: 799, currency: 'USD' },
      },
      {
        // Seeded sold out.
        id: 'prod_0005',
        inStock: false,
        availableQuantity: 0,
        shippingEstimate: { amount: 499, currency: 'USD' },
      },
    ]);
  });

  it('reads a product with no stock record as out of stock, in key order', async () => {
    await using fixture = await startInventory();
    const { body } = await entities(fixture, [
      { id: 'prod_9999', weight: 100 },
      { id: 'prod_0002', weight: 100 },
    ]);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.map((e) => [e?.id, e?.inStock, e?.availableQuantity])).toEqual([
      ['prod_9999', false, 0],
      ['prod_0002', true, seededQuantity('prod_0002')],
    ]);
  });

  it('gives no shipping estimate when the representation lacks the required weight', async () => {
    await using fixture = await startInventory();
    const { body } = await entities(fixture, [{ id: 'prod_0001' }]);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities[0]?.shippingEstimate).toBeNull();
  });

  it('loads the stock of 10 and of 50 products with one stock query each', async () => {
    await using fixture = await startInventory();
    const counts: number[] = [];
    for (const size of [10, 50]) {
      fixture.resetCommands();
      const { body } = await entities(
        fixture,
        Array.from({ length: size }, (_, i) => ({ id: seedProductId(i), weight: 500 })),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?._entities).toHaveLength(size);
      counts.push(fixture.queriesOn('stock').length);
    }
    expect(counts).toEqual([1, 1]);
  });
});

describe('inventory setStock', () => {
  it('lets an admin set the available quantity and returns the product with it', async () => {
    await using fixture = await startInventory();
    const { body } = await graphqlRequest(
      fixture.url,
      SET_STOCK,
      { productId: 'prod_0005', quantity: 12 },
      await adminToken(fixture),
    );
    expect(body).toEqual({
      data: { setStock: { id: 'prod_0005', inStock: true, availableQuantity: 12 } },
    });
    const after = await entities(fixture, [{ id: 'prod_0005', weight: 100 }]);
    expect(after.body.data?._entities[0]).toMatchObject({ inStock: true, availableQuantity: 12 });
  });

  it('keeps units reserved and committed by orders when an admin sets stock', async () => {
    await using fixture = await startInventory();
    await stockCollection(fixture.db).updateOne(
      { _id: 'prod_0003' },
      { $set: { available: 5, reserved: 2, committed: 7 } },
    );
    const { body } = await graphqlRequest(
      fixture.url,
      SET_STOCK,
      { productId: 'prod_0003', quantity: 0 },
      await adminToken(fixture),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      setStock: { id: 'prod_0003', inStock: false, availableQuantity: 0 },
    });
    expect(await stockCollection(fixture.db).findOne({ _id: 'prod_0003' })).toMatchObject({
      available: 0,
      reserved: 2,
      committed: 7,
      updatedAt: expect.any(Date),
    });
  });

  it('creates the stock record of a product that had none, with nothing reserved or committed', async () => {
    await using fixture = await startInventory({ seed: false });
    const { body } = await graphqlRequest(
      fixture.url,
      SET_STOCK,
      { productId: 'prod_0777', quantity: 3 },
      await adminToken(fixture),
    );
    expect(body.errors).toBeUndefined();
    expect(await stockCollection(fixture.db).findOne({ _id: 'prod_0777' })).toMatchObject({
      available: 3,
      reserved: 0,
      committed: 0,
    });
  });

  it('refuses a customer with FORBIDDEN and changes nothing', async () => {
    await using fixture = await startInventory();
    const token = await fixture.issuer.sign({ sub: 'usr_0001', roles: ['customer'] });
    const { body } = await graphqlRequest(
      fixture.url,
      SET_STOCK,
      { productId: 'prod_0001', quantity: 999 },
      token,
    );
    expect(body.data?.setStock ?? null).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      path: ['setStock'],
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await stockCollection(fixture.db).findOne({ _id: 'prod_0001' }))?.available).toBe(
      seededQuantity('prod_0001'),
    );
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    await using fixture = await startInventory();
    const { body } = await graphqlRequest(fixture.url, SET_STOCK, {
      productId: 'prod_0001',
      quantity: 1,
    });
    expect(body.data?.setStock ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects a negative quantity with BAD_USER_INPUT naming quantity', async () => {
    await using fixture = await startInventory();
    const { body } = await graphqlRequest(
      fixture.url,
      SET_STOCK,
      { productId: 'prod_0001', quantity: -1 },
      await adminToken(fixture),
    );
    expect(body.data?.setStock ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'quantity',
    });
    expect((await stockCollection(fixture.db).findOne({ _id: 'prod_0001' }))?.available).toBe(
      seededQuantity('prod_0001'),
    );
  });
});

describe('inventory seed', () => {
  it('creates stock for all 200 seeded products once, then changes nothing', async () => {
    await using fixture = await startInventory({ seed: false });
    const first = await seed(fixture.db);
    const snapshot = await stockCollection(fixture.db).find({}).sort({ _id: 1 }).toArray();
    await stockCollection(fixture.db).updateOne(
      { _id: 'prod_0010' },
      { $set: { available: 1, reserved: 4 } },
    );
    const second = await seed(fixture.db);
    expect(first).toEqual({ stock: 200, created: 200 });
    expect(second).toEqual({ stock: 200, created: 0 });
    const after = await stockCollection(fixture.db).find({}).sort({ _id: 1 }).toArray();
    // An order's reservation survives a reseed.
    expect(after.find((s) => s._id === 'prod_0010')).toMatchObject({ available: 1, reserved: 4 });
    expect(after.filter((s) => s._id !== 'prod_0010')).toEqual(
      snapshot.filter((s) => s._id !== 'prod_0010'),
    );
  });
});
