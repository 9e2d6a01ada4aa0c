/**
 * Work of one name done one piece at a time within the process (a promise chain kept on globalThis, so that Next's
 * separately bundled routes share it): imports, and the writes of `events` that must not fall between an import's
 * copy of the table and its swap (server/import pageEvents.ts).
 */
const holder = globalThis as unknown as { __xinyanSerialized?: Map<string, Promise<unknown>> };

export async function serialized<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const chains = (holder.__xinyanSerialized ??= new Map());
  const prev = chains.get(name) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => { release = r; });
  chains.set(name, prev.then(() => mine));
  await prev.catch(() => undefined);
  try { return await fn(); } finally { release(); }
}
