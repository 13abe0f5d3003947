package io.labbench.app.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.Endpoint;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.SshEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointFormViewModelTest {

    @Test
    void anSshEndpointBehindTheBastionIsBuiltFromTheFields() {
        EndpointFormViewModel form = new EndpointFormViewModel(List.of("kops-ec2"));
        form.nameProperty().set("worker1");
        form.hostProperty().set("172.30.1.11");
        form.portProperty().set("22");
        form.userProperty().set("ubuntu");
        form.identityFilesProperty().set("/root/.ssh/id_ed25519, /root/.ssh/id_rsa");
        form.jumpEndpointProperty().set("kops-ec2");

        assertThat(form.problemsProperty().get()).isEmpty();
        Endpoint endpoint = form.toEndpoint().orElseThrow();
        assertThat(endpoint).isEqualTo(new SshEndpoint("worker1", "172.30.1.11", 22, "ubuntu",
                List.of(Path.of("/root/.ssh/id_ed25519"), Path.of("/root/.ssh/id_rsa")),
                Optional.of("kops-ec2"), Optional.empty()));
    }

    @Test
    void problemsSayWhichFieldAndWhatIsExpected() {
        EndpointFormViewModel form = new EndpointFormViewModel(List.of("master"));
        form.nameProperty().set("master");
        form.portProperty().set("70000");
        assertThat(form.problemsProperty().get()).containsExactly(
                "Name: another endpoint is already called master",
                "Host: expected a host name or address, or an ~/.ssh/config alias",
                "Port: expected 1 to 65535, got 70000",
                "User: expected a login name such as ubuntu (or an ~/.ssh/config alias that sets it)");
        assertThat(form.toEndpoint()).isEmpty();
        form.portProperty().set("ssh");
        assertThat(form.problemsProperty().get()).contains("Port: expected a number such as 22, got ssh");
    }

    @Test
    void anSshConfigAliasIsEnoughAndThePortMayBeLeftToIt() {
        EndpointFormViewModel form = new EndpointFormViewModel(List.of());
        form.nameProperty().set("kops-ec2");
        form.sshConfigAliasProperty().set("pkos-bastion");
        form.portProperty().set("");
        SshEndpoint endpoint = (SshEndpoint) form.toEndpoint().orElseThrow();
        assertThat(endpoint.port()).isZero();
        assertThat(endpoint.sshConfigAlias()).contains("pkos-bastion");
    }

    @Test
    void aLocalShellRoundTripsThroughTheForm() {
        LocalShellEndpoint shell = new LocalShellEndpoint("local", List.of("zsh", "-l"), java.util.Map.of(), Optional.empty());
        EndpointFormViewModel form = new EndpointFormViewModel(List.of());
        form.load(shell);
        assertThat(form.kindProperty().get()).isEqualTo(EndpointFormViewModel.Kind.LOCAL_SHELL);
        assertThat(form.toEndpoint()).contains(shell);
    }
}
