package io.labbench.sessions.transcript;

import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries one transcript's work from the threads that produce it (the pane's reader thread, the
 * keyboard) to a writer thread of its own, in the order it was handed over. Output is weighed in
 * characters: when {@code capacity} of them wait, the producer waits too (back-pressure up the SSH
 * channel, never a dropped line). Typed input and notes weigh nothing, so a key press never waits
 * for the disk. The thread starts with the first task and ends at {@link #close}.
 *
 * <p>During a flood the producer hands over a chunk every few microseconds; waking the writer for each
 * one cost a context switch per chunk on both threads. So once woken by the first output, the writer
 * lets it grow to {@link #WAKE_WEIGHT} characters, or for {@link #LINGER_MILLIS}, before taking it;
 * anything else (a note, a key, the flush when output goes quiet), a full queue and a reader of the
 * results make it take the queue at once.
 */
final class TranscriptHandOff {

    private static final Logger LOG = Logger.getLogger(TranscriptHandOff.class.getName());

    private record Task(int weight, Runnable work) {
    }

    static final int WAKE_WEIGHT = 16 * 1024;
    static final long LINGER_MILLIS = 50;

    private final String threadName;
    private final int capacity;
    private ArrayDeque<Task> queued = new ArrayDeque<>();
    private int queuedWeight;
    private long handedOver;
    private long done;
    private boolean workerWaiting;
    private boolean workerLingering;
    private boolean urgent;
    private boolean closed;
    private Thread worker;

    TranscriptHandOff(String threadName, int capacity) {
        this.threadName = threadName;
        this.capacity = capacity;
    }

    /**
     * Queues {@code work}; waits first while {@code weight} more would exceed the capacity. Ignored
     * once closed. An interrupt while waiting queues the work anyway (losing it would be worse than
     * the extra memory) and keeps the thread's interrupt status.
     */
    synchronized void submit(int weight, Runnable work) {
        boolean interrupted = false;
        while (!closed && weight > 0 && queuedWeight > 0 && queuedWeight + weight > capacity && !interrupted) {
            try {
                urgent = true;
                notifyAll();
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (closed) {
            return;
        }
        queued.addLast(new Task(weight, work));
        queuedWeight += weight;
        handedOver++;
        urgent |= weight == 0;
        if (worker == null) {
            worker = new Thread(this::work, threadName);
            worker.setDaemon(true);
            worker.start();
        } else if (workerWaiting && (!workerLingering || urgent || queuedWeight >= WAKE_WEIGHT)) {
            notifyAll();
        }
    }

    /** Waits until everything handed over before this call has been done (at most a queue's worth of work). */
    synchronized void awaitHandedOver() {
        long target = handedOver;
        while (done < target) {
            try {
                urgent = true;
                notifyAll();
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Does what is queued, then stops the thread; later submissions are ignored. */
    void close() {
        Thread toJoin;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toJoin = worker;
            notifyAll();
        }
        if (toJoin == null || toJoin == Thread.currentThread()) {
            return;
        }
        try {
            toJoin.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (true) {
            ArrayDeque<Task> batch;
            synchronized (this) {
                while (queued.isEmpty() && !closed) {
                    waitAsWorker(false, 0);
                }
                if (!closed && !urgent && queuedWeight < WAKE_WEIGHT) {
                    waitAsWorker(true, LINGER_MILLIS);
                }
                if (queued.isEmpty()) {
                    return;
                }
                // Take the whole queue: the producer refills a fresh one while this batch is written.
                batch = queued;
                queued = new ArrayDeque<>();
                queuedWeight = 0;
                urgent = false;
                notifyAll();
            }
            for (Task task : batch) {
                try {
                    task.work().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "transcript task failed in " + threadName, e);
                }
            }
            synchronized (this) {
                done += batch.size();
                notifyAll();
            }
        }
    }

    /** Waits for work; {@code lingering}: for more work to join what is queued (only urgent work or a batch's worth wakes it). */
    private void waitAsWorker(boolean lingering, long millis) {
        workerWaiting = true;
        workerLingering = lingering;
        try {
            wait(millis);
        } catch (InterruptedException e) {
            // Nobody else interrupts this thread; close() is the way to stop it.
        } finally {
            workerWaiting = false;
        }
    }
}
