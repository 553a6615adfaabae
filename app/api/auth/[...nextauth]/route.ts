import { handlers } from '@/lib/auth/auth';
import { guardAuthRoute } from '@/lib/auth/auth-route';

export const GET = guardAuthRoute(handlers.GET);
export const POST = guardAuthRoute(handlers.POST);
