package io.labbench.locallab.net;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that wait on kernel commands. Not the common pool: on a 2-core machine it has one worker,
 * which would run the per-namespace batches one after another.
 */
final class KernelThreads {

    private static final AtomicInteger COUNT = new AtomicInteger();
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "locallab-kernel-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private KernelThreads() {
    }
}
