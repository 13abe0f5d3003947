package io.labbench.locallab.dns;

import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.net.KernelAccess;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * AmazonProvidedDNS: Debian's dnsmasq on the VPC resolver address in the VPC namespace, answering the
 * records of its {@link ResolverRecordSource sources} and NXDOMAIN for any other name ({@code --local=/#/}:
 * it forwards nothing, so no lab query leaves the machine).
 *
 * <p>A records go into a hosts file alone in a folder dnsmasq watches ({@code --hostsdir}, inotify): a new
 * file renamed into place replaces the old one's names with no signal and no gap. CNAME and TXT records are
 * dnsmasq options, which it reads only at start, so a change to those restarts it (a gap of a few
 * milliseconds that a client's retry covers). Sources are read again when they signal a change, on the
 * signalling thread, which returns once dnsmasq answers the new names (so a writer never shows a name
 * before it resolves), and once a second, so a source that forgets to signal is still followed within a second.
 */
public final class VpcResolver implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VpcResolver.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9*_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

    private final String netns;
    private final String address;
    private final KernelAccess kernel;
    private final Path dir;
    private final List<ResolverRecordSource> sources = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "locallab-vpc-resolver");
        t.setDaemon(true);
        return t;
    });
    private Process dnsmasq;
    private String hosts = "";
    private String options = "";

    /**
     * @param netns   the VPC namespace, where {@code address} is on the loopback
     * @param address the VPC base + 2
     * @param dir     where its files and log go
     */
    public VpcResolver(String netns, String address, KernelAccess kernel, Path dir, List<ResolverRecordSource> sources) {
        this.netns = netns;
        this.address = address;
        this.kernel = kernel;
        this.dir = dir;
        sources.forEach(this::subscribe);
    }

    public String address() {
        return address;
    }

    /** Starts dnsmasq with the sources' records and waits until it answers on :53. */
    public synchronized void start() throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("hosts.d"));
        hosts = hostsFile(records());
        options = optionsFile(records());
        writeAtomically(hostsPath(), hosts);
        writeAtomically(dir.resolve("records.conf"), options);
        launch();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Adds a source (a part of the lab that came up later, such as the lab's AWS) and answers its records now. */
    public void add(ResolverRecordSource source) {
        subscribe(source);
        refreshSoon();
    }

    /** Stops answering {@code source}'s records (its part went down). */
    public void remove(ResolverRecordSource source) {
        sources.remove(source);
        refreshSoon();
    }

    private void subscribe(ResolverRecordSource source) {
        sources.add(source);
        source.onChange(this::refreshBeforeReturning);
    }

    /**
     * A source's change, taken in on the writer's own thread: it returns once dnsmasq answers the new names
     * (a few milliseconds), so whatever the writer shows next (a Service's EXTERNAL-IP, a Route 53 change that
     * returned, ExternalDNS's "successfully updated") is already true for {@code dig} and {@code curl}. Handed to
     * the refresher thread instead, a name could be shown a moment before it resolved.
     */
    private void refreshBeforeReturning() {
        if (refresher.isShutdown()) {
            return;
        }
        refreshQuietly();
    }

    private void refreshSoon() {
        if (!refresher.isShutdown()) {
            refresher.execute(this::refreshQuietly);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "the VPC resolver could not take its sources' new records: " + e.getMessage());
        }
    }

    /** Reads every source again; tells dnsmasq (new hosts file, or a restart for CNAME/TXT) only when something changed. */
    synchronized void refresh() throws IOException {
        if (dnsmasq == null) {
            return;
        }
        List<ResolverRecord> records = records();
        String newHosts = hostsFile(records);
        String newOptions = optionsFile(records);
        if (!newOptions.equals(options)) {
            writeAtomically(hostsPath(), newHosts);
            writeAtomically(dir.resolve("records.conf"), newOptions);
            hosts = newHosts;
            options = newOptions;
            stopProcess();
            launch();
        } else if (!newHosts.equals(hosts)) {
            // dnsmasq sees the rename (inotify) and swaps the names by itself, in its own time: wait until it says
            // it read the new file, so that a caller returning from here has its names answered
            long mark = logSize();
            writeAtomically(hostsPath(), newHosts);
            hosts = newHosts;
            awaitHostsRead(mark);
        }
    }

    /** How long dnsmasq may take to read a renamed hosts file before the resolver says so and goes on. */
    private static final long HOSTS_READ_NANOS = TimeUnit.SECONDS.toNanos(5);

    private long logSize() {
        try {
            Path log = dir.resolve("dnsmasq.log");
            return Files.isRegularFile(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Waits for dnsmasq's {@code read <hosts file> - N names} after {@code mark} bytes of its log: it logs that
     * line once the file's names replaced the old ones (dnsmasq 2.85 says "addresses", later ones "names").
     */
    private void awaitHostsRead(long mark) {
        String line = "read " + hostsPath() + " - ";
        long deadline = System.nanoTime() + HOSTS_READ_NANOS;
        while (!io.labbench.locallab.host.LogTail.since(dir.resolve("dnsmasq.log"), mark).contains(line)) {
            if (System.nanoTime() > deadline || dnsmasq == null || !dnsmasq.isAlive()) {
                LOG.warning(() -> "the VPC resolver's dnsmasq did not say within 5 s that it read " + hostsPath()
                        + "; names written there may answer late (see " + dir.resolve("dnsmasq.log") + ")");
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }


    private List<ResolverRecord> records() {
        List<ResolverRecord> all = new ArrayList<>();
        for (ResolverRecordSource s : sources) {
            try {
                all.addAll(s.records());
            } catch (RuntimeException e) {
                LOG.warning(() -> "a VPC resolver record source failed; its names are left out until it answers: " + e);
            }
        }
        return all;
    }

    /** The A records as a hosts file, first source first (so a node's address reverses to its EC2 name). */
    static String hostsFile(List<ResolverRecord> records) {
        StringBuilder out = new StringBuilder("# the VPC resolver's A records, written by LabBench's local lab\n");
        Set<String> seen = new HashSet<>();
        for (ResolverRecord r : records) {
            if (r instanceof ResolverRecord.A a && valid(a.name()) && a.address().matches("\\d{1,3}(\\.\\d{1,3}){3}")
                    && seen.add(a.address() + " " + ResolverRecord.normalize(a.name()))) {
                out.append(a.address()).append(' ').append(ResolverRecord.normalize(a.name())).append('\n');
            }
        }
        return out.toString();
    }

    /** CNAME and TXT records as dnsmasq options (a name gets one CNAME: dnsmasq refuses to start on two). */
    static String optionsFile(List<ResolverRecord> records) {
        StringBuilder out = new StringBuilder("# the VPC resolver's CNAME and TXT records, written by LabBench's local lab\n");
        Set<String> cnames = new HashSet<>();
        Set<String> txts = new HashSet<>();
        for (ResolverRecord r : records) {
            if (r instanceof ResolverRecord.Cname c && valid(c.name()) && valid(c.target())
                    && cnames.add(ResolverRecord.normalize(c.name()))) {
                out.append("cname=").append(ResolverRecord.normalize(c.name())).append(',')
                        .append(ResolverRecord.normalize(c.target())).append('\n');
            } else if (r instanceof ResolverRecord.Txt t && valid(t.name()) && !t.text().contains("\n")
                    && txts.add(ResolverRecord.normalize(t.name()) + "\u0000" + t.text())) {
                out.append("txt-record=").append(ResolverRecord.normalize(t.name())).append(",\"")
                        .append(t.text().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            }
        }
        return out.toString();
    }

    private static boolean valid(String name) {
        String n = ResolverRecord.normalize(name);
        boolean ok = n.length() <= 253 && NAME.matcher(n).matches();
        if (!ok) {
            LOG.warning(() -> "the VPC resolver leaves out a record whose name is not a DNS name: " + name);
        }
        return ok;
    }

    private List<String> argv() {
        return List.of("dnsmasq", "--keep-in-foreground", "--conf-file=" + dir.resolve("records.conf"), "--no-resolv",
                "--no-hosts", "--no-poll", "--hostsdir=" + dir.resolve("hosts.d"), "--pid-file=" + dir.resolve("dnsmasq.pid"),
                "--user=root",
                // no group change: a rootless lab's user namespace forbids setgroups
                "--group=", "--listen-address=" + address, "--bind-interfaces", "--port=53", "--log-facility=-",
                // every name is answered from the records here: a name not listed (the cluster's own, a search domain
                // tried first because of ndots:5, a site the stand-in does not know) is NXDOMAIN at once, and a
                // listed name's AAAA is "no such record" rather than REFUSED (nslookup asks both)
                "--local=/#/");
    }

    private void launch() throws IOException {
        Path log = dir.resolve("dnsmasq.log");
        Files.deleteIfExists(dir.resolve("dnsmasq.pid"));
        dnsmasq = SystemTools.ofThisMachine().processBuilder(kernel.inNetns(netns, argv()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening()) {
            if (!dnsmasq.isAlive()) {
                throw new IOException("the VPC resolver's dnsmasq stopped: "
                        + (Files.exists(log) ? Files.readString(log).strip() : "(no output)"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the VPC resolver's dnsmasq did not listen on " + address + ":53 within 10 s; see " + log);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the VPC resolver", e);
            }
        }
    }

    /** dnsmasq writes its pid file once its sockets are bound. */
    private boolean listening() {
        try {
            Path pid = dir.resolve("dnsmasq.pid");
            return Files.isRegularFile(pid) && !Files.readString(pid).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private void stopProcess() {
        Process p = dnsmasq;
        if (p == null) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle c : children) {
                c.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warning(() -> "the VPC resolver's old dnsmasq did not end within 5 s");
        }
    }

    /** The A records' file, alone in the folder dnsmasq watches. */
    private Path hostsPath() {
        return dir.resolve("hosts.d").resolve("records.hosts");
    }

    /** Written beside {@code dir} (never inside a watched folder) and renamed into place. */
    private void writeAtomically(Path file, String text) throws IOException {
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Stops dnsmasq (its namespace goes with the lab). */
    @Override
    public synchronized void close() {
        refresher.shutdownNow();
        stopProcess();
        dnsmasq = null;
    }
}
