package io.labbench.sessions.transcript;

import java.util.ArrayDeque;
import java.util.Arrays;
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

    /** Where a batch of output goes: the writer's {@code output(chars, offset, length, arrivedMillis)}. */
    interface OutputSink {
        void output(char[] chars, int offset, int length, long arrivedMillis);
    }

    /**
     * Output chunks that arrived one after another, copied into one reusable buffer: a pane's reader
     * hands over a chunk per read (1 KB from JediTermFX, 20,000 per 20 MB), and a copy, a task and a
     * call into the writer for each cost more than the writer's work on them. Filled while it is the
     * last task queued, then run as one piece per millisecond of arrival (so each line keeps the time
     * its chunk arrived), then kept for reuse.
     */
    private static final class OutputBatch implements Runnable {
        private final OutputSink sink;
        private char[] chars;
        private int length;
        /** Where each run of chunks that arrived in the same millisecond ends, and that millisecond. */
        private int[] pieceEnds = new int[4];
        private long[] pieceMillis = new long[4];
        private int pieces;

        OutputBatch(OutputSink sink, int capacity) {
            this.sink = sink;
            this.chars = new char[capacity];
        }

        boolean fits(int more) {
            return chars.length - length >= more;
        }

        void append(char[] source, int offset, int count, long arrivedMillis) {
            if (!fits(count)) {
                chars = Arrays.copyOf(chars, length + count);
            }
            System.arraycopy(source, offset, chars, length, count);
            length += count;
            if (pieces == 0 || pieceMillis[pieces - 1] != arrivedMillis) {
                if (pieces == pieceEnds.length) {
                    pieceEnds = Arrays.copyOf(pieceEnds, pieces * 2);
                    pieceMillis = Arrays.copyOf(pieceMillis, pieces * 2);
                }
                pieceMillis[pieces++] = arrivedMillis;
            }
            pieceEnds[pieces - 1] = length;
        }

        void empty() {
            length = 0;
            pieces = 0;
        }

        @Override
        public void run() {
            int start = 0;
            for (int piece = 0; piece < pieces; piece++) {
                sink.output(chars, start, pieceEnds[piece] - start, pieceMillis[piece]);
                start = pieceEnds[piece];
            }
        }
    }

    /** The characters one output batch holds before the next begins. */
    static final int BATCH_CHARS = 16 * 1024;
    /** Emptied batches kept for reuse; more are made when the writer falls behind, and dropped after. */
    private static final int SPARE_BATCHES = 2;

    static final int WAKE_WEIGHT = 16 * 1024;
    static final long LINGER_MILLIS = 50;

    private final String threadName;
    private final int capacity;
    private ArrayDeque<Task> queued = new ArrayDeque<>();
    private final ArrayDeque<OutputBatch> spareBatches = new ArrayDeque<>();
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
        if (awaitRoom(weight)) {
            enqueue(new Task(weight, work));
        }
    }

    /**
     * Queues a copy of {@code chars[offset, offset + length)}, which arrived at {@code arrivedMillis}, for {@code sink}, joined to the output queued
     * just before it when nothing else came between (see {@link OutputBatch}); the caller may reuse
     * {@code chars} at once. Waits first as {@link #submit} does.
     */
    synchronized void submitOutput(char[] chars, int offset, int length, long arrivedMillis, OutputSink sink) {
        if (length <= 0 || !awaitRoom(length)) {
            return;
        }
        Task last = queued.peekLast();
        if (last != null && last.work() instanceof OutputBatch batch && batch.sink == sink && batch.fits(length)) {
            // The task's own weight is only read when it is queued; what waits is counted in queuedWeight.
            batch.append(chars, offset, length, arrivedMillis);
            queuedWeight += length;
            wakeWorker();
            return;
        }
        OutputBatch batch = spareBatches.pollFirst();
        if (batch == null || batch.sink != sink) {
            batch = new OutputBatch(sink, Math.max(BATCH_CHARS, length));
        }
        batch.append(chars, offset, length, arrivedMillis);
        enqueue(new Task(length, batch));
    }

    /** Waits while {@code weight} more would exceed the capacity; false once closed (the work is ignored). */
    private boolean awaitRoom(int weight) {
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
            // An interrupt while waiting queues the work anyway (losing it would be worse than the extra memory).
            Thread.currentThread().interrupt();
        }
        return !closed;
    }

    private void enqueue(Task task) {
        queued.addLast(task);
        queuedWeight += task.weight();
        handedOver++;
        urgent |= task.weight() == 0;
        if (worker == null) {
            worker = new Thread(this::work, threadName);
            worker.setDaemon(true);
            worker.start();
        } else {
            wakeWorker();
        }
    }

    private void wakeWorker() {
        if (workerWaiting && (!workerLingering || urgent || queuedWeight >= WAKE_WEIGHT)) {
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
                for (Task task : batch) {
                    if (task.work() instanceof OutputBatch emptied && spareBatches.size() < SPARE_BATCHES
                            && emptied.chars.length == BATCH_CHARS) {
                        emptied.empty();
                        spareBatches.addLast(emptied);
                    }
                }
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
