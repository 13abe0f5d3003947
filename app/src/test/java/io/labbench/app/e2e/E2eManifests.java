package io.labbench.app.e2e;

/** Manifests the end-to-end tests apply. */
final class E2eManifests {
    private E2eManifests() {
    }

    /** A netshoot pod that idles, pinned by zone as the week-2 manifest pins its pods (worker1 and worker2 are in different zones). */
    static String netshootPod(String name, String zone) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  terminationGracePeriodSeconds: 0
                  nodeSelector:
                    topology.kubernetes.io/zone: %s
                  containers:
                    - name: netshoot
                      image: nicolaka/netshoot
                      command: ["tail", "-f", "/dev/null"]
                """.formatted(name, zone);
    }
}
