package io.labbench.app.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.ConnectionState;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.TerminalStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTerminalLinksTest {

    @Test
    void sessionStatusesMapToWhatThePaneAndStatusBarShow() {
        assertThat(SessionTerminalLinks.stateOf(new TerminalStatus.Connected("connected"))).isEqualTo(ConnectionState.CONNECTED);
        assertThat(SessionTerminalLinks.stateOf(new TerminalStatus.Reconnected("again"))).isEqualTo(ConnectionState.CONNECTED);
        assertThat(SessionTerminalLinks.stateOf(new TerminalStatus.Dropped("reset"))).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(SessionTerminalLinks.stateOf(new TerminalStatus.Reconnecting("wait")))
                .isEqualTo(ConnectionState.RECONNECTING);
        assertThat(SessionTerminalLinks.stateOf(new TerminalStatus.Failed("auth"))).isEqualTo(ConnectionState.FAILED);
        assertThat(SessionTerminalLinks.stateOf(new TerminalStatus.ClosedByExit("exit", 0))).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void anExitedShellSaysReconnectStartsANewOneAndAPaneCloseShowsNoBanner() {
        assertThat(SessionTerminalLinks.bannerText("worker1", new TerminalStatus.ClosedByExit("exit", 130)))
                .isEqualTo("The shell of worker1 ended (exit code 130). Reconnect starts a new one.");
        assertThat(SessionTerminalLinks.bannerText("worker1", new TerminalStatus.Closed("closed"))).isEmpty();
        assertThat(SessionTerminalLinks.bannerText("worker1", new TerminalStatus.Dropped("connection lost; reconnecting")))
                .isEqualTo("connection lost; reconnecting");
    }

    @Test
    void paneHeadersDescribeTheOtherEnd() {
        SshEndpoint worker = SshEndpoint.direct("worker1", "172.30.1.11", 22, "ubuntu", List.of(Path.of("k")))
                .withJump("kops-ec2");
        assertThat(SessionTerminalLinks.describe(worker)).isEqualTo("ubuntu@172.30.1.11 via kops-ec2");
        assertThat(SessionTerminalLinks.describe(SshEndpoint.direct("lab", "127.0.0.1", 2222, "root", List.of())))
                .isEqualTo("root@127.0.0.1:2222");
    }
}
