package io.labbench.app.kube;

/** Where the kubeconfig comes from: the closed set the chooser offers. */
public enum KubeconfigChoice {
    LOCAL_LAB("Local lab"),
    FILE("A kubeconfig file"),
    KOPS_EC2("kops-ec2 (~/.kube/config over SFTP)");

    private final String label;

    KubeconfigChoice(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
