package io.labbench.app.aws;

import io.labbench.aws.dns.Certificates;
import io.labbench.aws.dns.DnsRecord;
import io.labbench.aws.dns.HostedZoneRecords;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The ExternalDNS and TLS sections: the hosted zone of {@code MyDomain} with its A/TXT records
 * (refreshed by the view on a timer while "Live" is on), a {@code dig +short}-style resolution
 * check, and the region's ACM certificates whose ARN the TLS manifest needs.
 */
public final class DnsViewModel {

    private final StringProperty domain = new SimpleStringProperty(this, "domain", "");
    private final StringProperty zoneId = new SimpleStringProperty(this, "zoneId", "");
    private final StringProperty nameToResolve = new SimpleStringProperty(this, "nameToResolve", "");
    private final StringProperty resolution = new SimpleStringProperty(this, "resolution", "");
    private final ObservableList<DnsRecord> records = FXCollections.observableArrayList();
    private final ObservableList<Certificates.Certificate> certificates = FXCollections.observableArrayList();
    private final FxWork work;
    private final FxWork resolveWork;
    private final Supplier<HostedZoneRecords> route53;
    private final Supplier<Certificates> acm;
    private final Function<String, List<String>> resolver;

    public DnsViewModel(FxWork work, FxWork resolveWork, Supplier<HostedZoneRecords> route53, Supplier<Certificates> acm,
                        Function<String, List<String>> resolver) {
        this.work = work;
        this.resolveWork = resolveWork;
        this.route53 = route53;
        this.acm = acm;
        this.resolver = resolver;
        domain.addListener((o, a, b) -> zoneId.set(""));
    }

    /** MyDomain of the study, e.g. learn-dc.link. */
    public StringProperty domainProperty() {
        return domain;
    }

    public StringProperty zoneIdProperty() {
        return zoneId;
    }

    public StringProperty nameToResolveProperty() {
        return nameToResolve;
    }

    public StringProperty resolutionProperty() {
        return resolution;
    }

    public ObservableList<DnsRecord> records() {
        return records;
    }

    public ObservableList<Certificates.Certificate> certificates() {
        return certificates;
    }

    public FxWork work() {
        return work;
    }

    /** Looks the zone up (once per domain) and lists its A/TXT records. */
    public void refreshRecords() {
        String wanted = domain.get() == null ? "" : domain.get().trim();
        if (wanted.isEmpty()) {
            work.problemProperty().set("Enter MyDomain (the domain you registered in Route 53) first.");
            return;
        }
        String known = zoneId.get();
        work.submit(() -> {
            HostedZoneRecords zones = route53.get();
            String id = known.isEmpty() ? zones.zoneId(wanted) : known;
            return new ZoneRecords(id, zones.records(id));
        }, found -> {
            zoneId.set(found.zoneId());
            records.setAll(found.records().stream().filter(r -> r.type().equals("A") || r.type().equals("TXT")
                    || r.type().equals("AAAA") || r.type().equals("CNAME")).toList());
        });
    }

    public void refreshCertificates() {
        work.submit(() -> acm.get().list(), certificates::setAll);
    }

    /** Like {@code dig +short NAME}, through the system resolver. */
    public void resolve() {
        String name = nameToResolve.get() == null ? "" : nameToResolve.get().trim();
        if (name.isEmpty()) {
            resolution.set("Enter a name, e.g. nginx.<MyDomain>.");
            return;
        }
        resolution.set("Resolving " + name + "…");
        resolveWork.submit(() -> resolver.apply(name), addresses -> resolution.set(addresses.isEmpty()
                ? name + ": no answer (NXDOMAIN or not propagated yet; ExternalDNS needs about a minute)"
                : name + " → " + String.join(", ", addresses)));
    }

    private record ZoneRecords(String zoneId, List<DnsRecord> records) {
    }
}
