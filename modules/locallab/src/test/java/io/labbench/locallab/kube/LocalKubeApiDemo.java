package io.labbench.locallab.kube;

import java.nio.file.Path;

/** Starts the API server with the in-memory network for trying kubectl by hand: prints the kubeconfig path. */
public final class LocalKubeApiDemo {
    private LocalKubeApiDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args.length > 0 ? args[0] : "/tmp/labbench-kubeconfig");
        try (LocalKubeApi api = LocalKubeApi.start(InMemoryPodNetwork.study(), kubeconfig)) {
            System.out.println("KUBECONFIG=" + kubeconfig + " " + api.url());
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
