import { describe, expect, it } from 'vitest';
import { readPostgresUrl } from './postgres-url';

describe('readPostgresUrl', () => {
  it('leaves a TCP URL as it is', () => {
    expect(readPostgresUrl('postgres://haven:pw@db.internal:6432/haven?sslmode=require')).toEqual({ url: 'postgres://haven:pw@db.internal:6432/haven?sslmode=require' });
  });

  it("turns libpq's ?host=/dir into the socket path, and keeps the other parameters", () => {
    expect(readPostgresUrl('postgres://postgres@localhost/haven?host=/var/run/postgresql/&application_name=haven')).toEqual({
      url: 'postgres://postgres@localhost/haven?application_name=haven',
      path: '/var/run/postgresql/.s.PGSQL.5432',
    });
    expect(readPostgresUrl('postgres://postgres@localhost:5433/haven?host=/tmp').path).toBe('/tmp/.s.PGSQL.5433');
  });

  it('a host parameter that is not a directory is left to the driver', () => {
    expect(readPostgresUrl('postgres://postgres@localhost/haven?host=db')).toEqual({ url: 'postgres://postgres@localhost/haven?host=db' });
  });
});
