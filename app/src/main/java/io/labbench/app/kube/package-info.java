/**
 * Live Kubernetes views for the workbench: the kubeconfig source chooser (local lab, a file, or
 * kops-ec2's {@code ~/.kube/config}) with the context shown, and tables of pods (with Pending
 * reasons), nodes, services with endpoints and TargetGroupBindings, events and the aws-node
 * settings, all fed by {@code io.labbench.kube.ClusterViews} informers (no polling). A pod's Shell
 * button asks the terminal area for a {@code pod:NAME} terminal.
 */
package io.labbench.app.kube;
