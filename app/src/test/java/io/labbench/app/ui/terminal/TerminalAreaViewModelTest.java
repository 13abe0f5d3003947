package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.ConnectionState;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TerminalAreaViewModelTest {

    private TerminalAreaViewModel area;
    private TerminalPaneViewModel kops;
    private TerminalPaneViewModel master;
    private TerminalPaneViewModel worker1;
    private TerminalPaneViewModel worker2;

    @BeforeEach
    void openTheFourNodes() {
        area = new TerminalAreaViewModel();
        kops = area.open("kops-ec2");
        master = area.open("master");
        worker1 = area.open("worker1");
        worker2 = area.open("worker2");
    }

    @Test
    void firstFourGoIntoTheGridAndTheRestIntoTabs() {
        TerminalPaneViewModel kubectl = area.open("kubectl");
        assertThat(area.gridPanes()).containsExactly(kops, master, worker1, worker2);
        assertThat(area.tabPanes()).containsExactly(kubectl);
        assertThat(area.openNames()).containsExactly("kops-ec2", "master", "worker1", "worker2", "kubectl");
    }

    @Test
    void openingAnOpenNameReturnsTheSamePane() {
        assertThat(area.open("master")).isSameAs(master);
        assertThat(area.allPanes()).hasSize(4);
    }

    @Test
    void nextAndPreviousWalkGridThenTabsAndWrapAround() {
        TerminalPaneViewModel kubectl = area.open("kubectl");
        assertThat(area.focused()).contains(kops);
        area.focusNext();
        assertThat(area.focused()).contains(master);
        assertThat(master.focusedProperty().get()).isTrue();
        assertThat(kops.focusedProperty().get()).isFalse();
        area.focusPrevious();
        area.focusPrevious();
        assertThat(area.focused()).contains(kubectl);
        area.focusNext();
        assertThat(area.focused()).contains(kops);
    }

    @Test
    void maximiseTogglesTheFocusedPaneAndFocusMovesTheMaximisedPane() {
        area.focus(worker1);
        area.toggleMaximize();
        assertThat(area.maximized()).contains(worker1);
        assertThat(worker1.maximizedProperty().get()).isTrue();
        area.focusNext();
        assertThat(area.maximized()).contains(worker2);
        assertThat(worker1.maximizedProperty().get()).isFalse();
        area.toggleMaximize();
        assertThat(area.maximized()).isEmpty();
    }

    @Test
    void broadcastPeersAreExactlyTheOtherMembers() {
        area.toggleBroadcast(master);
        area.toggleBroadcast(worker1);
        assertThat(area.broadcastOnProperty().get()).isTrue();
        assertThat(area.broadcastCountProperty().get()).isEqualTo(2);
        assertThat(area.broadcastPeers(master)).containsExactly(worker1);
        assertThat(area.broadcastPeers(worker1)).containsExactly(master);
        // Typing in a pane outside the group must not leak into it.
        assertThat(area.broadcastPeers(kops)).isEmpty();
        area.endBroadcast();
        assertThat(area.broadcastOnProperty().get()).isFalse();
        assertThat(area.broadcastPeers(master)).isEmpty();
    }

    @Test
    void broadcastToGridTakesTheFourNodesButNotTabs() {
        TerminalPaneViewModel kubectl = area.open("kubectl");
        area.broadcastToGrid();
        assertThat(area.broadcastPeers(kops)).containsExactlyInAnyOrder(master, worker1, worker2);
        assertThat(kubectl.isBroadcastMember()).isFalse();
    }

    @Test
    void draggingSwapsGridCellsAndATabTakesTheCellItIsDroppedOn() {
        area.move(worker2, kops);
        assertThat(area.gridPanes()).containsExactly(worker2, master, worker1, kops);
        TerminalPaneViewModel kubectl = area.open("kubectl");
        area.move(kubectl, master);
        assertThat(area.gridPanes()).containsExactly(worker2, kubectl, worker1, kops);
        assertThat(area.tabPanes()).containsExactly(master);
    }

    @Test
    void closingAGridPaneMovesTheFirstTabUpAndFocusToANeighbour() {
        TerminalPaneViewModel kubectl = area.open("kubectl");
        area.focus(master);
        area.toggleBroadcast(master);
        area.close(master);
        assertThat(area.gridPanes()).containsExactly(kops, worker1, worker2, kubectl);
        assertThat(area.tabPanes()).isEmpty();
        assertThat(area.focused()).contains(worker1);
        assertThat(area.broadcastOnProperty().get()).isFalse();
    }

    @Test
    void paneBannerShowsDropsAndExitsButNotHealthyStates() {
        worker1.updateState(ConnectionState.RECONNECTING, "connection lost (Connection reset); reconnecting");
        assertThat(worker1.dropBannerVisibleProperty().get()).isTrue();
        assertThat(worker1.dropMessageProperty().get()).contains("connection lost");
        worker1.updateState(ConnectionState.CONNECTED, "connected to worker1");
        assertThat(worker1.dropBannerVisibleProperty().get()).isFalse();
        worker1.updateState(ConnectionState.CONNECTING, "connecting to worker1");
        assertThat(worker1.dropBannerVisibleProperty().get()).isFalse();
        worker1.updateState(ConnectionState.CLOSED, "The shell of worker1 ended (exit code 0). Reconnect starts a new one.");
        assertThat(worker1.dropBannerVisibleProperty().get()).isTrue();
        worker1.updateState(ConnectionState.CLOSED, "");
        assertThat(worker1.dropBannerVisibleProperty().get()).isFalse();
    }

    @Test
    void openNamesKeepGridOrderAfterRearranging() {
        area.move(worker1, kops);
        assertThat(area.openNames()).isEqualTo(List.of("worker1", "master", "kops-ec2", "worker2"));
    }
}
