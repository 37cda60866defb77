/**
 * Resolves once `ready()` is true (checked at once, then every `intervalMs`), after `timeoutMs`
 * at the latest, or when `signal` aborts (the caller hung up). For changes that arrive without an
 * event in this process, such as another instance's writes to the shared SQLite file.
 */
export function pollUntil(ready: () => boolean, options: { timeoutMs: number; intervalMs: number; signal?: AbortSignal }): Promise<void> {
  if (options.signal?.aborted || ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearInterval(poller);
      clearTimeout(deadline);
      options.signal?.removeEventListener("abort", finish);
      resolve();
    };
    const poller = setInterval(() => {
      if (ready()) finish();
    }, options.intervalMs);
    const deadline = setTimeout(finish, options.timeoutMs);
    options.signal?.addEventListener("abort", finish, { once: true });
  });
}
