package io.labbench.packetpath;

import io.labbench.packetpath.cluster.ClusterNode;
import io.labbench.packetpath.cluster.ClusterPod;
import io.labbench.packetpath.cluster.ClusterService;
import io.labbench.packetpath.cluster.LoadBalancer;

/** One end of a flow, as the learner named it and as the cluster knows it. */
public sealed interface Place {

    /** What the learner typed or would recognise: {@code pod-1}, {@code worker1}, {@code svc/web}. */
    String label();

    /** The address packets to or from this place carry first. */
    String address();

    record Pod(ClusterPod pod) implements Place {
        @Override
        public String label() {
            return pod.name();
        }

        @Override
        public String address() {
            return pod.ip();
        }
    }

    record Node(ClusterNode node) implements Place {
        @Override
        public String label() {
            return node.name();
        }

        @Override
        public String address() {
            return node.primaryIp();
        }
    }

    /** A Service's cluster IP and one of its ports (the first unless the learner said which). */
    record Service(ClusterService service, ClusterService.Port port) implements Place {
        @Override
        public String label() {
            return "svc/" + service.name();
        }

        @Override
        public String address() {
            return service.clusterIp();
        }
    }

    /** A load balancer listener: the NLB's address and the listener's port. */
    record LoadBalancerListener(LoadBalancer loadBalancer, LoadBalancer.Listener listener) implements Place {
        @Override
        public String label() {
            return loadBalancer.name() + ":" + listener.port();
        }

        @Override
        public String address() {
            return loadBalancer.addresses().isEmpty() ? "" : loadBalancer.addresses().get(0);
        }
    }

    /** Any other address: outside the VPC (the internet) or one the cluster does not name. */
    record Address(String ip, String label) implements Place {
        @Override
        public String address() {
            return ip;
        }
    }
}
