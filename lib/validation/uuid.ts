/**
 * A well-formed UUID, checked before an id from a path reaches the database: anything else (36 dashes, say) is
 * "not found" like an id that matches nothing, not a value the database refuses.
 */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
