package io.labbench.locallab.kube;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Vert.x's JDK TLS engine for the lab's API server, whose server context is made as Vert.x makes it (the
 * JDK's {@code TLS} context with the given key managers, the protocols Vert.x enables, the JDK engine's
 * default cipher suites as Vert.x lists them, no ALPN, no client certificates) but handed to Netty as a
 * ready {@link JdkSslContext}. Vert.x's own path builds Netty's {@code JdkSslServerContext}, whose class
 * initialisation reads a test key through Netty's PEM reader, which constructs BouncyCastle's provider
 * because bcpkix is on the class path (the lab's CA uses it): hundreds of classes from a signed jar, which
 * no class-data archive holds. That was about 0.5 s of the daemon's CPU on the API server's start (JFR: 27
 * of the up's 120 samples in {@code BouncyCastleProvider.<init>}; {@code Class.forName} of
 * {@code JdkSslServerContext} 728 ms of thread CPU in a C1-only JVM, of {@code JdkSslContext} 233 ms).
 */
final class JdkServerTlsEngine extends JdkSSLEngineOptions {

    JdkServerTlsEngine() {
    }

    JdkServerTlsEngine(JdkServerTlsEngine other) {
        super(other);
    }

    @Override
    public JdkServerTlsEngine copy() {
        return new JdkServerTlsEngine(this);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new ServerContextFactory();
    }

    /** Collects what Vert.x asks for; {@link #create} refuses what this server never uses. */
    private static final class ServerContextFactory implements SslContextFactory {
        private boolean useAlpn;
        private ClientAuth clientAuth;
        private boolean forClient;
        private Set<String> protocols = Set.of();
        private Set<String> cipherSuites = Set.of();
        private KeyManagerFactory keyManagers;
        private TrustManagerFactory trustManagers;

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            this.useAlpn = useAlpn;
            return this;
        }

        @Override
        public SslContextFactory forServer(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
            return this;
        }

        @Override
        public SslContextFactory forClient(javax.net.ssl.SNIServerName serverName, String endpointIdentificationAlgorithm) {
            forClient = true;
            return this;
        }

        @Override
        public SslContextFactory enabledProtocols(Set<String> protocols) {
            this.protocols = Set.copyOf(protocols);
            return this;
        }

        @Override
        public SslContextFactory keyMananagerFactory(KeyManagerFactory factory) {
            this.keyManagers = factory;
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(TrustManagerFactory factory) {
            this.trustManagers = factory;
            return this;
        }

        @Override
        public SslContextFactory enabledCipherSuites(Set<String> cipherSuites) {
            this.cipherSuites = Set.copyOf(cipherSuites);
            return this;
        }

        @Override
        public SslContext create() throws SSLException {
            if (forClient || useAlpn || keyManagers == null || (clientAuth != null && clientAuth != ClientAuth.NONE)) {
                throw new SSLException("the lab API server's TLS engine makes server contexts without ALPN or client certificates only");
            }
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(), trustManagers == null ? null : trustManagers.getTrustManagers(), null);
                List<String> ciphers = cipherSuites.isEmpty() ? List.of(context.createSSLEngine().getEnabledCipherSuites())
                        : List.copyOf(cipherSuites);
                return new JdkSslContext(context, false, ciphers, IdentityCipherSuiteFilter.INSTANCE, null, ClientAuth.NONE,
                        protocols.isEmpty() ? null : protocols.toArray(String[]::new), false);
            } catch (GeneralSecurityException e) {
                throw new SSLException("the lab API server's TLS context cannot be made: " + e.getMessage(), e);
            }
        }
    }
}
