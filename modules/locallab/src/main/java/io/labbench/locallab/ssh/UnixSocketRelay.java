package io.labbench.locallab.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forwards connections from a Unix socket to a TCP port on host loopback. A process inside a lab
 * namespace (socat) can reach a file path but not the host's loopback; this joins the two.
 */
public final class UnixSocketRelay implements Closeable {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Path socket;
    private final int targetPort;
    private final ServerSocketChannel server;
    private final ExecutorService threads;

    private UnixSocketRelay(Path socket, int targetPort, ServerSocketChannel server) {
        this.socket = socket;
        this.targetPort = targetPort;
        this.server = server;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "locallab-relay-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static UnixSocketRelay start(Path socket, int targetPort) throws IOException {
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        UnixSocketRelay relay = new UnixSocketRelay(socket, targetPort, server);
        relay.threads.execute(relay::acceptLoop);
        return relay;
    }

    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel inside = server.accept();
                threads.execute(() -> connect(inside));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(SocketChannel inside) {
        try {
            SocketChannel target = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
            AtomicInteger open = new AtomicInteger(2);
            threads.execute(() -> pump(target, inside, open));
            pump(inside, target, open);
        } catch (IOException e) {
            closeQuietly(inside);
        }
    }

    /** Copies one direction; the second direction to finish closes both channels. */
    private static void pump(SocketChannel from, SocketChannel to, AtomicInteger open) {
        ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
            if (open.decrementAndGet() == 0) {
                closeQuietly(from);
                closeQuietly(to);
            }
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
        Files.deleteIfExists(socket);
    }
}
