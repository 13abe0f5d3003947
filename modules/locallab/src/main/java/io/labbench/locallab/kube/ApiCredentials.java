package io.labbench.locallab.kube;

import io.labbench.locallab.tls.CertificateMaker;
import io.labbench.locallab.tls.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;

/**
 * What keeps other local users out of the lab's API server, whose exec runs commands as root in the
 * lab's namespaces: a CA made for this lab only, a serving certificate it signs for the loopback
 * address, and a random bearer token. The kubeconfig (0600) carries the CA and the token, as a kOps
 * kubeconfig carries its cluster's CA and the admin's credentials; a client without the token gets 401.
 * Nothing is written here; a lab keeps the CA and serving certificate between ups in its key store
 * ({@link ApiCredentialStore}), and every up gets a new token ({@link #withNewToken}).
 *
 * @param caPem         the lab CA's certificate (kubeconfig {@code certificate-authority-data})
 * @param serverCertPem the serving certificate (for 127.0.0.1, localhost and the in-cluster names)
 * @param serverKeyPem  its private key, PKCS#8
 * @param token         the bearer token (kubeconfig {@code users[].user.token})
 */
public record ApiCredentials(String caPem, String serverCertPem, String serverKeyPem, String token) {

    static final Duration VALIDITY = Duration.ofDays(365);
    private static final String IP = "IP Address:";
    private static final String DNS = "DNS:";

    @Override
    public String toString() {
        return "ApiCredentials[CA and serving certificate, token withheld]";
    }

    /** Whether {@code offered} is the token, compared in constant time. */
    public boolean acceptsToken(String offered) {
        return offered != null && MessageDigest.isEqual(offered.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A JDK HTTP client that trusts this lab's CA and nothing else, for the lab's own callers of the API
     * (kops in kops-ec2 validating the cluster); they add {@link #token()} as the bearer token.
     */
    public java.net.http.HttpClient trustingHttpClient(java.time.Duration connectTimeout) throws IOException {
        try {
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("lab-ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                    new java.io.ByteArrayInputStream(caPem.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
            javax.net.ssl.TrustManagerFactory trustManagers =
                    javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, trustManagers.getTrustManagers(), null);
            return java.net.http.HttpClient.newBuilder().sslContext(tls).connectTimeout(connectTimeout).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot trust the lab's API CA: " + e.getMessage(), e);
        }
    }

    /**
     * A fresh CA, serving certificate and token.
     *
     * @param clusterName names the CA and goes into the certificate's DNS names ({@code api.<cluster>})
     */
    public static ApiCredentials generate(String clusterName) throws IOException {
        try {
            CertificateMaker maker = new CertificateMaker();
            KeyPair caKeys = maker.newKeys();
            KeyPair serverKeys = maker.newKeys();
            Instant now = Instant.now();
            Instant notBefore = now.minus(Duration.ofHours(1));
            X509Certificate caCert = maker.ca("CN=labbench-local-lab-ca,O=" + clusterName.replace(",", ""), caKeys, notBefore,
                    now.plus(VALIDITY), OptionalInt.of(0));
            X509Certificate serverCert = maker.leaf(caCert, caKeys.getPrivate(), serverKeys.getPublic(), "kubernetes-master",
                    serverNames(clusterName), notBefore, now.plus(VALIDITY), false);
            return new ApiCredentials(Pem.of(caCert), Pem.of(serverCert), Pem.of(serverKeys.getPrivate()), newToken(new SecureRandom()));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not make the local lab API server's certificates: " + e.getMessage(), e);
        }
    }

    /** The same CA and serving certificate with a new random token: what a later up of a lab serves with. */
    public ApiCredentials withNewToken() {
        return new ApiCredentials(caPem, serverCertPem, serverKeyPem, newToken(new SecureRandom()));
    }

    private static String newToken(SecureRandom random) {
        byte[] token = new byte[32];
        random.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /**
     * The serving certificate's subject alternative names, as OpenSSL prints them: loopback, the in-cluster
     * names and, for a cluster name that is a DNS name, {@code api.<cluster>} and {@code api.internal.<cluster>}.
     */
    static List<String> serverNames(String clusterName) {
        List<String> names = new java.util.ArrayList<>(List.of(IP + "127.0.0.1", DNS + "localhost", DNS + "kubernetes",
                DNS + "kubernetes.default", DNS + "kubernetes.default.svc", DNS + "kubernetes.default.svc.cluster.local"));
        if (clusterName.matches("[A-Za-z0-9.-]+")) {
            names.add(DNS + "api." + clusterName);
            names.add(DNS + "api.internal." + clusterName);
        }
        return names;
    }

}
