import { NextResponse } from 'next/server';
import { handleApi } from '@/lib/api/respond';
import { buildOpenApiDocument } from '@/lib/api/openapi/build-openapi-document';
import { getEnv } from '@/lib/env';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document of this API: public, like any API reference. */
export const GET = handleApi(async () => NextResponse.json(buildOpenApiDocument({ serverUrl: getEnv().appUrl })));
