package io.labbench.sessions.ssh;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Carries an SSH connection inside a direct-tcpip channel of the bastion's connection, as OpenSSH's
 * ProxyJump does: the target is authenticated end to end with local keys, nothing is copied to the
 * bastion, and no local port is opened.
 */
final class JumpChannelProxy implements Proxy {

    private final Session bastion;
    private ChannelDirectTCPIP channel;
    private InputStream in;
    private OutputStream out;

    JumpChannelProxy(Session bastion) {
        this.bastion = bastion;
    }

    @Override
    public void connect(SocketFactory socketFactory, String host, int port, int timeout) throws JSchException {
        try {
            channel = (ChannelDirectTCPIP) bastion.getStreamForwarder(host, port);
            in = channel.getInputStream();
            out = channel.getOutputStream();
        } catch (java.io.IOException e) {
            throw new JSchException("cannot open a channel through the jump host: " + e.getMessage(), e);
        }
        channel.connect(timeout);
        if (!channel.isConnected()) {
            throw new JSchException("the jump host did not open a channel to " + host + ":" + port);
        }
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
        }
    }
}
