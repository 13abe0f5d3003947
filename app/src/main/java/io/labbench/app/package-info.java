/**
 * The LabBench desktop application and its command line: {@link io.labbench.app.Launcher} decides
 * whether a run opens the window ({@code ui}), answers a {@code labbench lab …} or {@code parse}
 * command ({@code cli}), and everything else builds on the plain-Java modules (cluster, netparse,
 * labmodel, sessions, watch, kube, aws, locallab). This is the only place JavaFX is used: views bind to
 * view-models that hold the state, and the modules never import anything from here.
 */
package io.labbench.app;
