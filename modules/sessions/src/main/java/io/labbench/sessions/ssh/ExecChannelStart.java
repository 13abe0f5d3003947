package io.labbench.sessions.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Opens an exec channel with a bounded wait for the server's channel-open confirmation, then sends the
 * {@code exec} request without asking for a reply.
 *
 * <p>Why not {@code channel.connect(timeout)}: with any timeout JSch also asks for a reply to the exec
 * request and waits for it by sleeping 10 ms at a time ({@code Request.write}); the server replies only once
 * it has started the command, so every exec paid a 10 ms sleep, most of a watch command's 13 ms on a quiet
 * machine. {@code connect()} without a timeout asks no reply but waits up to 20 s for a channel open on a
 * connection that died under it (issue 20). So this does what {@code connect(int)} does, step by step,
 * with the open bounded and no reply asked; a refused exec still shows, as the server then closes the
 * channel without an exit status. JSch's two steps are not public API: they are reached by reflection,
 * and if a JSch release renames them this falls back to {@code connect(timeout)} (slower, still correct).
 */
final class ExecChannelStart {

    private static final Logger LOG = Logger.getLogger(ExecChannelStart.class.getName());
    private static final Optional<Steps> STEPS = Steps.find();

    private ExecChannelStart() {
    }

    /** Opens {@code channel} (waiting at most {@code openTimeoutMillis} for the server) and starts its command. */
    static void connect(ChannelExec channel, int openTimeoutMillis) throws JSchException {
        if (STEPS.isEmpty()) {
            channel.connect(openTimeoutMillis);
            return;
        }
        Steps steps = STEPS.get();
        try {
            steps.connectTimeout.setInt(channel, openTimeoutMillis);
            steps.sendChannelOpen.invoke(channel);
            // no timeout from here on: the exec request goes out without want-reply
            steps.connectTimeout.setInt(channel, 0);
            channel.start();
        } catch (InvocationTargetException e) {
            channel.disconnect();
            Throwable cause = e.getCause();
            throw cause instanceof JSchException jsch ? jsch : new JSchException(String.valueOf(cause), cause);
        } catch (IllegalAccessException e) {
            channel.disconnect();
            throw new JSchException("cannot open an exec channel: " + e.getMessage(), e);
        } catch (JSchException | RuntimeException e) {
            channel.disconnect();
            throw e;
        }
    }

    /** JSch's {@code Channel.connectTimeout} and {@code Channel.sendChannelOpen()}. */
    private record Steps(Field connectTimeout, Method sendChannelOpen) {
        static Optional<Steps> find() {
            try {
                Field timeout = Channel.class.getDeclaredField("connectTimeout");
                timeout.setAccessible(true);
                Method open = Channel.class.getDeclaredMethod("sendChannelOpen");
                open.setAccessible(true);
                return Optional.of(new Steps(timeout, open));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.info(() -> "JSch's channel-open step is not reachable (" + e + "); exec channels use connect(timeout)");
                return Optional.empty();
            }
        }
    }
}
