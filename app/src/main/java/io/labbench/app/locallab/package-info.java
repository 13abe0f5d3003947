/**
 * The app's side of the embedded local lab (the default backend): starting the lab's daemon in the
 * background on launch with progress in the status bar, turning its endpoints into the workspace
 * (SSH into kops-ec2, master, worker1, worker2 with the lab's pinned host keys; a local kubectl
 * shell on the lab's kubeconfig), re-rolling it from Lab › Local lab settings (instance types,
 * prefix delegation with kubelet maxPods; the terminals and watches move to the new lab's sessions),
 * and stopping it when the window closes.
 */
package io.labbench.app.locallab;
