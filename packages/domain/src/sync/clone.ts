/**
 * A deep copy of a value, equal to `structuredClone`'s (what IndexedDB stores), made quickly for
 * the plain data records are: plain objects and dense arrays are copied here, anything else (a
 * Date, a Map, an object of another prototype, a sparse array) by `structuredClone` itself. The
 * memory stores copy every record in and out, as IndexedDB does; `structuredClone` serialises and
 * reads back each one, which cost six times this on a pull page of leads.
 */
export function cloneValue<T>(value: T): T {
  if (typeof value !== "object" || value === null) {
    // structuredClone refuses functions and symbols: so does this, with its error.
    return typeof value === "function" || typeof value === "symbol" ? structuredClone(value) : value;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return structuredClone(value);
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return structuredClone(value);
      copy[i] = cloneValue(value[i]);
    }
    return copy as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const item = cloneValue((value as Record<string, unknown>)[key]);
    // A "__proto__" key is data here (JSON.parse makes it so); assigning it would set the prototype.
    if (key === "__proto__")
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
