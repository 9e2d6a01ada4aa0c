'use client';
import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import type { AppRouter } from '@/server/trpc/root';
import { readableError } from '@/components/errorText';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Every call's error message in Chinese (a zod report, a network failure or a bare code would show in English). */
const chineseErrors: TRPCLink<AppRouter> = () => ({ next, op }) => observable((observer) => next(op).subscribe({
  next: (value) => observer.next(value),
  error: (err) => {
    err.message = readableError(err.message, err.data?.code);
    observer.error(err);
  },
  complete: () => observer.complete(),
}));

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({
    defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 } },
  }));
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({
    links: [chineseErrors, httpBatchLink({ url: '/api/trpc', transformer: superjson })],
  }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>{children}</TRPCProvider>
    </QueryClientProvider>
  );
}
