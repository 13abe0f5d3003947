package io.labbench.locallab.kube;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** Answers 503 until the real dispatcher is known (it needs the port the server got). */
final class DeferredDispatcher extends Dispatcher {
    private volatile Dispatcher target;

    void set(Dispatcher dispatcher) {
        this.target = dispatcher;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Dispatcher d = target;
        if (d == null) {
            return new MockResponse().setResponseCode(503).setHeader("Content-Type", "application/json")
                    .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"the local lab's API server is starting\",\"code\":503}");
        }
        return d.dispatch(request);
    }
}
