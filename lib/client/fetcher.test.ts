import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { isAppError } from '@/lib/errors';
import { errorFromResponse, errorMessage, fetchJson, fieldErrors } from './fetcher';

const okSchema = z.object({ id: z.string() });

function answer(status: number, body: string, contentType = 'application/json') {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers: { 'content-type': contentType } })));
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchJson', () => {
  it('returns the body parsed by the route’s schema', async () => {
    answer(200, JSON.stringify({ id: 'p1', extra: true }));
    await expect(fetchJson('/api/v1/x', { schema: okSchema })).resolves.toEqual({ id: 'p1' });
  });

  it('sends a body as JSON with its content type, by POST', async () => {
    answer(201, JSON.stringify({ id: 'p2' }));
    await fetchJson('/api/v1/x', { json: { reason: 'r' }, schema: okSchema });
    const [, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(init?.body).toBe('{"reason":"r"}');
  });

  it('turns Haven’s error shape into the AppError the server threw: code, status, message and details', async () => {
    const details = { fields: [{ path: 'amount', message: 'Enter an amount' }] };
    answer(400, JSON.stringify({ error: { code: 'invalid_request', message: 'amount: Enter an amount', details } }));
    const error = await failure(fetchJson('/api/v1/x', { json: {}, schema: okSchema }));
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_request', status: 400, message: 'amount: Enter an amount', details });
    expect(fieldErrors(error)).toEqual([{ path: 'amount', message: 'Enter an amount' }]);
    expect(errorMessage(error)).toBe('amount: Enter an amount');
  });

  it('keeps the server’s message for a code this bundle does not know, with the code its status stands for', async () => {
    answer(409, JSON.stringify({ error: { code: 'some_future_code', message: 'Already decided' } }));
    const error = await failure(fetchJson('/api/v1/x', { schema: okSchema }));
    expect(error).toMatchObject({ code: 'conflict', status: 409, message: 'Already decided' });
  });

  it('reads a body that is not ours (a proxy’s HTML page) by its status alone', async () => {
    answer(502, '<html>Bad gateway</html>', 'text/html');
    const error = await failure(fetchJson('/api/v1/x', { schema: okSchema }));
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ status: 502 });
    expect(errorMessage(error)).toMatch(/Something went wrong/);

    answer(404, '');
    expect(await failure(fetchJson('/api/v1/x', { schema: okSchema }))).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('refuses a success whose body does not match the schema, rather than handing the page a wrong shape', async () => {
    answer(200, JSON.stringify({ id: 42 }));
    expect(await failure(fetchJson('/api/v1/x', { schema: okSchema }))).toMatchObject({ code: 'internal' });
  });

  it('reports an unreachable server and a timeout as a network error with a plain message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const unreachable = await failure(fetchJson('/api/v1/x', { schema: okSchema }));
    expect(unreachable).toMatchObject({ code: 'network_error' });
    expect(errorMessage(unreachable)).toMatch(/could not reach Haven/);

    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new DOMException('timed out', 'TimeoutError'))));
    expect(errorMessage(await failure(fetchJson('/api/v1/x', { schema: okSchema })))).toMatch(/timed out/);
  });
});

describe('timeouts', () => {
  it('aborts a request that takes longer than its timeout and says the network is slow', async () => {
    // A server that never answers: the request ends only when its signal aborts.
    vi.stubGlobal('fetch', vi.fn((_url: string, init?: RequestInit) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    })));
    const error = await failure(fetchJson('/api/v1/x', { schema: okSchema, timeoutMs: 20 }));
    expect(error).toMatchObject({ code: 'network_error' });
    expect(errorMessage(error)).toMatch(/timed out/);
  });

  it('aborts when the caller’s own signal does (a page left mid-request)', async () => {
    vi.stubGlobal('fetch', vi.fn((_url: string, init?: RequestInit) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    })));
    const controller = new AbortController();
    const pending = failure(fetchJson('/api/v1/x', { schema: okSchema, signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({ code: 'network_error' });
  });
});

describe('errorFromResponse and errorMessage', () => {
  it('an error without our brand gets the fallback, never its own text', async () => {
    expect(errorMessage(new Error('ECONNRESET at socket'), 'Could not save')).toBe('Could not save');
    expect(fieldErrors(new Error('x'))).toEqual([]);
  });

  it('is recognised across bundles by its brand, not its class', async () => {
    const error = await errorFromResponse(new Response(JSON.stringify({ error: { code: 'not_found', message: 'That payment was not found' } }), { status: 404 }));
    const copy = Object.assign(Object.create(null) as object, { code: error.code, message: error.message });
    Object.defineProperty(copy, Symbol.for('haven.app-error'), { value: true });
    expect(isAppError(copy)).toBe(true);
    expect(errorMessage(copy)).toBe('That payment was not found');
  });
});
