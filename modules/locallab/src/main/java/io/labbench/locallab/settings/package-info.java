/**
 * What a local lab is before it is built: its {@link io.labbench.locallab.settings.LabSettings} (prefix,
 * state folder, kubeconfig, instance types, prefix delegation). Kept below every package that reads
 * them, the lab that composes the parts and the lab's own AWS (whose {@code kops edit} changes them)
 * alike, so neither has to reach back into the other for them; it uses only the topology of
 * {@code net} and the instance-type catalogue of the cluster module.
 */
package io.labbench.locallab.settings;
