package io.labbench.app.ui.dialogs;

import io.labbench.sessions.Endpoint;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.SshEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The endpoint editor's form: one endpoint's fields as text, validated live, turned into a sessions
 * {@link Endpoint} when valid. Holds no controls, so it is tested without a screen.
 */
public final class EndpointFormViewModel {

    /** The two kinds of endpoint the editor offers. */
    public enum Kind { LOCAL_SHELL, SSH }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9:._-]*");

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.SSH);
    private final StringProperty shellCommand = new SimpleStringProperty("bash -l");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("22");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty identityFiles = new SimpleStringProperty("");
    private final StringProperty jumpEndpoint = new SimpleStringProperty("");
    private final StringProperty sshConfigAlias = new SimpleStringProperty("");
    private final ObjectBinding<List<String>> problems;
    private final Collection<String> otherNames;

    /** @param otherNames names already used by the workspace's other endpoints (must stay unique) */
    public EndpointFormViewModel(Collection<String> otherNames) {
        this.otherNames = List.copyOf(otherNames);
        problems = Bindings.createObjectBinding(this::validate,
                name, kind, shellCommand, host, port, user, identityFiles, jumpEndpoint, sshConfigAlias);
    }

    public void load(Endpoint endpoint) {
        name.set(endpoint.name());
        if (endpoint instanceof LocalShellEndpoint local) {
            kind.set(Kind.LOCAL_SHELL);
            shellCommand.set(String.join(" ", local.argv()));
        } else if (endpoint instanceof SshEndpoint ssh) {
            kind.set(Kind.SSH);
            host.set(ssh.host());
            port.set(ssh.port() == 0 ? "" : Integer.toString(ssh.port()));
            user.set(ssh.user());
            identityFiles.set(String.join(", ", ssh.identityFiles().stream().map(Path::toString).toList()));
            jumpEndpoint.set(ssh.jumpEndpointName().orElse(""));
            sshConfigAlias.set(ssh.sshConfigAlias().orElse(""));
        }
    }

    /** Every problem with the current fields, each saying what is expected; empty when valid. */
    public List<String> validate() {
        List<String> found = new ArrayList<>();
        String n = name.get().trim();
        if (!NAME.matcher(n).matches()) {
            found.add("Name: expected lower-case letters, digits, '-', '.', ':' (e.g. worker1 or pod:pod-1)");
        } else if (otherNames.contains(n)) {
            found.add("Name: another endpoint is already called " + n);
        }
        if (kind.get() == Kind.LOCAL_SHELL) {
            if (shellCommand.get().isBlank()) {
                found.add("Shell: expected a command such as bash -l");
            }
            return found;
        }
        if (host.get().isBlank() && sshConfigAlias.get().isBlank()) {
            found.add("Host: expected a host name or address, or an ~/.ssh/config alias");
        }
        String p = port.get().trim();
        if (!p.isEmpty()) {
            try {
                int value = Integer.parseInt(p);
                if (value < 1 || value > 65535) {
                    found.add("Port: expected 1 to 65535, got " + p);
                }
            } catch (NumberFormatException e) {
                found.add("Port: expected a number such as 22, got " + p);
            }
        }
        if (user.get().isBlank() && sshConfigAlias.get().isBlank()) {
            found.add("User: expected a login name such as ubuntu (or an ~/.ssh/config alias that sets it)");
        }
        if (!jumpEndpoint.get().isBlank() && jumpEndpoint.get().trim().equals(n)) {
            found.add("Jump host: an endpoint cannot jump through itself");
        }
        return found;
    }

    /** The endpoint the fields describe, or empty while {@link #validate()} reports problems. */
    public Optional<Endpoint> toEndpoint() {
        if (!validate().isEmpty()) {
            return Optional.empty();
        }
        String n = name.get().trim();
        if (kind.get() == Kind.LOCAL_SHELL) {
            List<String> argv = Arrays.stream(shellCommand.get().trim().split("\\s+")).toList();
            return Optional.of(new LocalShellEndpoint(n, argv, Map.of(), Optional.empty()));
        }
        List<Path> keys = Arrays.stream(identityFiles.get().split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
        int portNumber = port.get().isBlank() ? 0 : Integer.parseInt(port.get().trim());
        return Optional.of(new SshEndpoint(n, host.get().trim(), portNumber, user.get().trim(), keys,
                optional(jumpEndpoint.get()), optional(sshConfigAlias.get())));
    }

    private static Optional<String> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    public ObjectBinding<List<String>> problemsProperty() {
        return problems;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty shellCommandProperty() {
        return shellCommand;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty identityFilesProperty() {
        return identityFiles;
    }

    public StringProperty jumpEndpointProperty() {
        return jumpEndpoint;
    }

    public StringProperty sshConfigAliasProperty() {
        return sshConfigAlias;
    }
}
