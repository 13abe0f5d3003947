package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a pane header splits its target: the node's addresses (kept whole) and the rest (which gives way). */
class PaneTargetAddressesTest {

    @Test
    void aNodesVpcAndPublicIpAreTheLeadingAddresses() {
        String target = "172.30.46.72 / 198.51.100.72 · ubuntu@ip-172-30-46-72";
        int end = TerminalPaneViewModel.addressesEnd(target);

        assertThat(target.substring(0, end)).isEqualTo("172.30.46.72 / 198.51.100.72");
        assertThat(target.substring(end)).isEqualTo(" · ubuntu@ip-172-30-46-72");
    }

    @Test
    void aTargetThatStartsWithNoAddressHasNone() {
        assertThat(TerminalPaneViewModel.addressesEnd("local shell, kubectl on the local lab")).isZero();
        assertThat(TerminalPaneViewModel.addressesEnd("ubuntu@10.0.1.5 via kops-ec2")).isZero();
        assertThat(TerminalPaneViewModel.addressesEnd("")).isZero();
    }
}
