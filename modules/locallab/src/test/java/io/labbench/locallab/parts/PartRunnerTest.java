package io.labbench.locallab.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner behind {@code lab up}: order, side-by-side starts, progress from the list, reverse stop. */
class PartRunnerTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final PartRunner runner = new PartRunner(threads);
    /** What the parts did, in the order they did it: "start a", "end a", "stop a". */
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A part that records its start and stop and runs {@code work} in between. */
    private final class Recorded implements Part {
        final String name;
        final List<Part> after;
        final Work work;

        Recorded(String name, Work work, Part... after) {
            this.name = name;
            this.work = work;
            this.after = List.of(after);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "Starting " + name;
        }

        @Override
        public List<Part> after() {
            return after;
        }

        @Override
        public void start() throws IOException {
            events.add("start " + name);
            work.run();
            events.add("end " + name);
        }

        @Override
        public void stop() {
            events.add("stop " + name);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    private static final Work NOTHING = () -> { };

    @Test
    void aPartStartsOnlyAfterThePartsItNamesHaveStarted() throws Exception {
        Recorded a = new Recorded("a", () -> sleep(50));
        Recorded b = new Recorded("b", NOTHING, a);
        Recorded c = new Recorded("c", NOTHING, b);

        runner.start(List.of(a, b, c), (d, t, m) -> { }, new UpTimeline());

        assertThat(events).containsExactly("start a", "end a", "start b", "end b", "start c", "end c");
    }

    @Test
    void independentPartsStartSideBySide() throws Exception {
        // each waits at the barrier for the other: both can only finish if they run at the same time
        CyclicBarrier both = new CyclicBarrier(2);
        Work meet = () -> {
            try {
                both.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("the other part never ran beside this one", e);
            }
        };
        Recorded first = new Recorded("first", NOTHING);
        Recorded network = new Recorded("network", meet, first);
        Recorded api = new Recorded("api", meet, first);
        Recorded relay = new Recorded("relay", NOTHING, network, api);
        UpTimeline timeline = new UpTimeline();

        runner.start(List.of(first, network, api, relay), (d, t, m) -> { }, timeline);

        assertThat(events.subList(0, 2)).containsExactly("start first", "end first");
        assertThat(events.subList(2, 4)).containsExactlyInAnyOrder("start network", "start api");
        assertThat(events).endsWith("start relay", "end relay");
        assertThat(timeline.phases()).extracting(UpTimeline.Phase::name).containsExactlyInAnyOrder("first", "network", "api", "relay");
        UpTimeline.Phase relayPhase = timeline.phases().stream().filter(p -> p.name().equals("relay")).findFirst().orElseThrow();
        assertThat(timeline.phases()).filteredOn(p -> !p.name().equals("relay"))
                .allSatisfy(p -> assertThat(p.endEpochMillis()).isLessThanOrEqualTo(relayPhase.startEpochMillis()));
    }

    @Test
    void progressCountsThePartsOfTheList() throws Exception {
        Recorded a = new Recorded("a", NOTHING);
        Recorded b = new Recorded("b", NOTHING, a);
        Recorded c = new Recorded("c", NOTHING, b);
        List<String> steps = new ArrayList<>();

        runner.start(List.of(a, b, c), (done, total, message) -> steps.add(done + "/" + total + " " + message), new UpTimeline());

        assertThat(steps).containsExactly("0/3 Starting a", "1/3 Starting b", "2/3 Starting c");
    }

    @Test
    void aFailingPartStopsThoseStartedInReverseOrderAndNoLaterPartBegins() {
        Recorded check = new Recorded("check", NOTHING);
        Recorded kernel = new Recorded("kernel", NOTHING, check);
        Recorded network = new Recorded("network", () -> {
            throw new IOException("ip: RTNETLINK answers: File exists");
        }, kernel);
        Recorded keys = new Recorded("keys", NOTHING, kernel);
        Recorded relays = new Recorded("relays", NOTHING, network, keys);

        assertThatThrownBy(() -> runner.start(List.of(check, kernel, network, keys, relays), (d, t, m) -> { }, new UpTimeline()))
                .isInstanceOf(IOException.class).hasMessage("ip: RTNETLINK answers: File exists");

        assertThat(events).doesNotContain("start relays").doesNotContain("end network");
        List<String> stops = events.stream().filter(e -> e.startsWith("stop ")).toList();
        // keys ran beside the network (or was skipped once it failed); either way the order is the list's, reversed
        assertThat(stops).endsWith("stop network", "stop kernel", "stop check");
        assertThat(stops).isSubsetOf("stop keys", "stop network", "stop kernel", "stop check");
        if (events.contains("start keys")) {
            assertThat(stops).startsWith("stop keys");
        }
    }

    @Test
    void stopAfterUpGoesInReverseListOrderWithItsOwnProgress() throws Exception {
        Recorded a = new Recorded("a", NOTHING);
        Recorded b = new Recorded("b", NOTHING, a);
        Recorded c = new Recorded("c", NOTHING, a);
        StartedParts started = runner.start(List.of(a, b, c), (d, t, m) -> { }, new UpTimeline());
        List<String> steps = new ArrayList<>();

        started.stop((done, total, message) -> steps.add(done + "/" + total + " " + message));

        assertThat(events.stream().filter(e -> e.startsWith("stop ")).toList()).containsExactly("stop c", "stop b", "stop a");
        assertThat(steps).containsExactly("0/3 Stopping c", "1/3 Stopping b", "2/3 Stopping a");
        assertThat(started.parts()).isEmpty();
    }

    @Test
    void aPartNamingOneThatIsNotEarlierInTheListIsRefusedBeforeAnythingStarts() {
        Recorded late = new Recorded("late", NOTHING);
        Recorded early = new Recorded("early", NOTHING, late);

        assertThatThrownBy(() -> runner.start(List.of(early, late), (d, t, m) -> { }, new UpTimeline()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part 'early' comes after 'late', which is not earlier in the list [early, late]");
        assertThat(events).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
