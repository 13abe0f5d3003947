/**
 * Kubernetes access with fabric8: where the kubeconfig comes from (the local lab, a file, or the
 * bastion {@code kops-ec2} over its shared SSH connection), and live views of pods, nodes, services
 * with endpoints and TargetGroupBindings, events and the aws-node settings, all fed by informers
 * (watch, not polling) and re-listed by fabric8 after an API server restart. Views publish immutable
 * rows to listeners; the app turns them into tables. No JavaFX here.
 */
package io.labbench.kube;
