package io.labbench.locallab.inet;

import io.labbench.locallab.net.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lab's own certificate authority and the stand-in sites' certificate (P-256 keys, valid 30 days),
 * made with the host's {@code openssl} at each {@code up}; the CA is appended to a copy of the host's
 * trust bundle that the lab's machines and pods see as {@code /etc/ssl/certs/ca-certificates.crt}.
 *
 * @param caCertificate the CA's certificate (PEM)
 * @param certificate   the sites' certificate, signed by the CA
 * @param key           the sites' private key
 */
public record LabCa(Path caCertificate, Path certificate, Path key) {

    static final Path HOST_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    /** Creates the CA and a certificate for {@code names} in {@code dir}. */
    static LabCa create(Path dir, Collection<String> names) throws IOException {
        Files.createDirectories(dir);
        String san = names.stream().flatMap(n -> java.util.stream.Stream.of("DNS:" + n, "DNS:*." + n)).distinct()
                .collect(Collectors.joining(","));
        Files.writeString(dir.resolve("site.ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=" + san + "\n");
        String script = String.join("\n", "set -e", "cd \"$1\"",
                "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 30"
                        + " -subj '/O=LabBench/CN=LabBench local lab CA' -addext 'basicConstraints=critical,CA:TRUE'"
                        + " -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null",
                "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout site.key -out site.csr"
                        + " -subj '/O=LabBench/CN=LabBench internet stand-in' 2>/dev/null",
                "openssl x509 -req -in site.csr -CA ca.crt -CAkey ca.key -set_serial 0x$(od -An -N8 -tx1 /dev/urandom | tr -d ' \\n')"
                        + " -days 30 -extfile site.ext -out site.crt 2>/dev/null",
                "rm -f site.csr ca.key", "");
        try {
            ProcessRunner.run(List.of("sh", "-c", script, "labca", dir.toString()), "");
        } catch (IOException e) {
            throw new IOException("could not make the lab's certificates with openssl (sudo apt-get install openssl): "
                    + e.getMessage(), e);
        }
        return new LabCa(dir.resolve("ca.crt"), dir.resolve("site.crt"), dir.resolve("site.key"));
    }

    /** The host's trust bundle with the lab CA appended, written to {@code file}. */
    void writeTrustBundle(Path file) throws IOException {
        String host = Files.isReadable(HOST_BUNDLE) ? Files.readString(HOST_BUNDLE) : "";
        Files.createDirectories(file.getParent());
        Files.writeString(file, host + (host.isEmpty() || host.endsWith("\n") ? "" : "\n")
                + "# LabBench local lab CA (only inside the lab)\n" + Files.readString(caCertificate));
    }
}
