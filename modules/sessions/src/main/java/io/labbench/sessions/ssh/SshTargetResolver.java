package io.labbench.sessions.ssh;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import io.labbench.sessions.SshEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills an endpoint's open fields from the OpenSSH client config, the way {@code ssh alias} would:
 * values written in the workspace win, then the config's entry for the alias (or the host), then
 * defaults (port 22, the local user name, the default key files).
 */
public final class SshTargetResolver {

    private final SshSettings settings;

    public SshTargetResolver(SshSettings settings) {
        this.settings = settings;
    }

    public SshTarget resolve(SshEndpoint endpoint) throws IOException {
        Optional<ConfigRepository.Config> config = configFor(endpoint.sshConfigAlias().orElse(endpoint.host()));
        String host = !endpoint.host().isBlank() ? endpoint.host()
                : config.map(ConfigRepository.Config::getHostname).filter(h -> !h.isBlank())
                        .orElse(endpoint.sshConfigAlias().orElseThrow());
        int port = endpoint.port() > 0 ? endpoint.port()
                : config.map(ConfigRepository.Config::getPort).filter(p -> p > 0).orElse(SshEndpoint.DEFAULT_PORT);
        String user = !endpoint.user().isBlank() ? endpoint.user()
                : config.map(ConfigRepository.Config::getUser).filter(u -> !u.isBlank()).orElse(settings.defaultUser());
        List<Path> identities = new ArrayList<>(endpoint.identityFiles());
        if (identities.isEmpty()) {
            config.map(c -> c.getValues("IdentityFile")).ifPresent(values -> {
                for (String value : values) {
                    identities.add(expand(value, host, user, port));
                }
            });
        }
        if (identities.isEmpty()) {
            identities.addAll(settings.defaultIdentityFiles());
        }
        Optional<String> jump = endpoint.jumpEndpointName();
        if (jump.isEmpty()) {
            jump = config.map(c -> c.getValue("ProxyJump")).filter(j -> !j.isBlank() && !j.equalsIgnoreCase("none"))
                    // Only the first hop is ours to open; further hops would come from that hop's own config.
                    .map(j -> j.split(",")[0].strip());
        }
        return new SshTarget(host, port, user, identities, jump);
    }

    private Optional<ConfigRepository.Config> configFor(String alias) throws IOException {
        if (settings.sshConfigFile().isEmpty() || alias.isBlank()) {
            return Optional.empty();
        }
        OpenSSHConfig parsed = OpenSSHConfig.parseFile(settings.sshConfigFile().get().toString());
        return Optional.ofNullable(parsed.getConfig(alias));
    }

    /** The subset of ssh_config's tokens that key paths use. */
    private static Path expand(String value, String host, String user, int port) {
        String home = System.getProperty("user.home");
        String expanded = value.replace("%d", home).replace("%h", host).replace("%r", user)
                .replace("%p", Integer.toString(port)).replace("%%", "%");
        if (expanded.equals("~") || expanded.startsWith("~/")) {
            expanded = home + expanded.substring(1);
        }
        return Path.of(expanded);
    }

    /** Reads a ProxyJump hop {@code [user@]host[:port]} as an endpoint resolved through the same config. */
    public static SshEndpoint jumpSpecEndpoint(String spec) {
        String user = "";
        String hostPort = spec;
        int at = spec.lastIndexOf('@');
        if (at >= 0) {
            user = spec.substring(0, at);
            hostPort = spec.substring(at + 1);
        }
        String host = hostPort;
        int port = 0;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]") && hostPort.indexOf(':') == colon) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
                host = hostPort.substring(0, colon);
            } catch (NumberFormatException e) {
                port = 0;
            }
        }
        host = host.replace("[", "").replace("]", "");
        // The hop's host is also looked up as an alias, so "ProxyJump bastion" uses bastion's own config entry.
        return new SshEndpoint("proxyjump:" + spec, "", port, user, List.of(), Optional.empty(), Optional.of(host));
    }
}
