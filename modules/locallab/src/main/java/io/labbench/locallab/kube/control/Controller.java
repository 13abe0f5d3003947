package io.labbench.locallab.kube.control;

/** One reconcile step of the cluster; returns whether it changed anything, so the loop runs again. */
@FunctionalInterface
public interface Controller {
    boolean reconcile();
}
