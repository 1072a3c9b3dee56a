import type { CategoryDocument } from './repositories/categories.js';
import type { ProductDocument } from './repositories/products.js';

interface CategorySpec {
  readonly name: string;
  readonly nouns: readonly string[];
  /** Weight range in grams. */
  readonly grams: readonly [number, number];
  /** Price range in cents. */
  readonly cents: readonly [number, number];
}

const CATEGORY_SPECS: readonly CategorySpec[] = [
  {
    name: 'Books',
    nouns: ['Novel', 'Cookbook', 'Atlas', 'Anthology', 'Field Guide'],
    grams: [200, 1500],
    cents: [899, 4999],
  },
  {
    name: 'Kitchen',
    nouns: ['Skillet', 'Chef Knife', 'Kettle', 'Cutting Board', 'Mixing Bowl'],
    grams: [150, 3000],
    cents: [1499, 14999],
  },
  {
    name: 'Outdoors',
    nouns: ['Tent', 'Backpack', 'Headlamp', 'Sleeping Bag', 'Water Filter'],
    grams: [100, 4500],
    cents: [1999, 39999],
  },
  {
    name: 'Audio',
    nouns: ['Headphones', 'Speaker', 'Turntable', 'Microphone', 'Earbuds'],
    grams: [40, 6000],
    cents: [2999, 49999],
  },
  {
    name: 'Toys',
    nouns: ['Puzzle', 'Kite', 'Building Set', 'Board Game', 'Yo-yo'],
    grams: [50, 2000],
    cents: [599, 8999],
  },
  {
    name: 'Garden',
    nouns: ['Trowel', 'Watering Can', 'Planter', 'Pruner', 'Seed Kit'],
    grams: [80, 5000],
    cents: [799, 12999],
  },
  {
    name: 'Office',
    nouns: ['Notebook', 'Desk Lamp', 'Fountain Pen', 'Stapler', 'Monitor Stand'],
    grams: [30, 4000],
    cents: [499, 19999],
  },
  {
    name: 'Fitness',
    nouns: ['Yoga Mat', 'Kettlebell', 'Jump Rope', 'Foam Roller', 'Resistance Band'],
    grams: [90, 16000],
    cents: [999, 15999],
  },
  {
    name: 'Lighting',
    nouns: ['Floor Lamp', 'Lantern', 'String Lights', 'Pendant', 'Night Light'],
    grams: [60, 7000],
    cents: [1299, 24999],
  },
  {
    name: 'Coffee',
    nouns: ['Grinder', 'Pour-over Kit', 'Espresso Cups', 'Bean Sampler', 'Milk Frother'],
    grams: [100, 3500],
    cents: [999, 29999],
  },
];

const ADJECTIVES = [
  'Classic',
  'Compact',
  'Deluxe',
  'Everyday',
  'Heritage',
  'Nordic',
  'Studio',
  'Trail',
];
const PROMISES = [
  'Built to last and easy to repair.',
  'Packed in plastic-free packaging.',
  'Backed by a two-year warranty.',
  'Designed and tested by our own team.',
  'A favourite of our customers.',
];

export const SEED_CATEGORY_COUNT = CATEGORY_SPECS.length;
export const SEED_PRODUCT_COUNT = 200;
/** Every seeded price is in this currency. */
export const SEED_CURRENCY = 'USD';
const SEED_EPOCH = Date.UTC(2026, 0, 1);

/** `cat_01` … `cat_10`. */
export function seedCategoryId(index: number): string {
  return `cat_${String(index + 1).padStart(2, '0')}`;
}

/** `prod_0001` … `prod_0200`: stable, so other subgraphs' seeds can refer to them. */
export function seedProductId(index: number): string {
  return `prod_${String(index + 1).padStart(4, '0')}`;
}

export function seedCategories(): CategoryDocument[] {
  return CATEGORY_SPECS.map((spec, index) => ({ _id: seedCategoryId(index), name: spec.name }));
}

/**
 * The 200 seeded products, 20 per category. Everything derives from the index, so every run
 * writes identical documents and reseeding changes nothing.
 */
export function seedProducts(): ProductDocument[] {
  return Array.from({ length: SEED_PRODUCT_COUNT }, (_, index) => seedProduct(index));
}

function seedProduct(index: number): ProductDocument {
  const categoryIndex = index % CATEGORY_SPECS.length;
  const spec = CATEGORY_SPECS[categoryIndex] as CategorySpec;
  // j runs 0..19 within a category; 8 adjectives × 5 nouns repeat only after 40, so names are unique.
  const j = Math.floor(index / CATEGORY_SPECS.length);
  const adjective = pick(ADJECTIVES, j);
  const noun = pick(spec.nouns, j);
  const random = mulberry32(index + 1);
  const [minCents, maxCents] = spec.cents;
  // Prices end in 99 cents, the way shops price.
  const dollars = Math.floor(minCents / 100 + random() * ((maxCents - minCents) / 100));
  const [minGrams, maxGrams] = spec.grams;
  const grams = Math.round((minGrams + random() * (maxGrams - minGrams)) / 10) * 10;
  const createdAt = new Date(SEED_EPOCH + index * 3_600_000);
  return {
    _id: seedProductId(index),
    name: `${adjective} ${noun}`,
    description:
      `${article(adjective)} ${adjective.toLowerCase()} ${noun.toLowerCase()} from our ` +
      `${spec.name.toLowerCase()} range. ${pick(PROMISES, j + categoryIndex)}`,
    price: { amount: dollars * 100 + 99, currency: SEED_CURRENCY },
    categoryId: seedCategoryId(categoryIndex),
    weight: grams,
    createdAt,
    updatedAt: createdAt,
  };
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'An' : 'A';
}

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

/** A tiny seeded PRNG: the same seed always gives the same sequence. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
