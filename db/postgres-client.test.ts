import { describe, expect, it } from 'vitest';
import { postgresArgs } from './postgres-client';

describe('postgresArgs', () => {
  it('reads libpq’s ?host=/dir as the Unix socket there and keeps it off the server settings', () => {
    const [url, options] = postgresArgs(
      'postgres://fangsiang@localhost:5433/fangsiang?host=/var/run/postgresql&application_name=fs',
      { max: 3 },
    );
    expect(url).toBe('postgres://fangsiang@localhost:5433/fangsiang?application_name=fs');
    expect(options).toMatchObject({ max: 3, path: '/var/run/postgresql/.s.PGSQL.5433' });
  });

  it('leaves a TCP URL as it is; a host that is not a directory names the server', () => {
    for (const u of [
      'postgres://u:p@127.0.0.1:5432/db',
      'postgres://u@db.example.com/db?sslmode=require',
    ]) {
      const [url, options] = postgresArgs(u);
      expect(url).toBe(u);
      expect(options).not.toHaveProperty('path');
    }
    expect(postgresArgs('postgres://u@localhost/db?host=db.internal')[0]).toBe(
      'postgres://u@db.internal/db',
    );
    expect(postgresArgs('postgres://u@localhost/db?host=/tmp')[1]).toMatchObject({
      path: '/tmp/.s.PGSQL.5432',
    });
  });
});
